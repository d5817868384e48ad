import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keepTogether, separated } from '../js/player.js';

test('a_separator_stays_with_the_word_before_it', () => {
  assert.equal(separated('Vigtig meddelelse', 'Important'), 'Vigtig meddelelse\u00a0· Important');
  // the only breakable space is after the dot
  assert.deepEqual(separated('Vigtig meddelelse', 'Important').split(' '), ['Vigtig', 'meddelelse\u00a0·', 'Important']);
});

test('empty_parts_leave_no_dangling_separator', () => {
  assert.equal(separated('Campus Signage', null, ''), 'Campus Signage');
  assert.equal(separated(undefined, 'signage.local'), 'signage.local');
  assert.equal(separated(), '');
});

test('a_time_range_is_not_broken_after_kl_or_round_its_dash', () => {
  assert.equal(keepTogether('Åbent kl. 7–9'), 'Åbent kl.\u00a07\u2060–\u20609');
  assert.equal(keepTogether('Kl. 19 - 21'), 'Kl.\u00a019\u00a0\u2060-\u2060\u00a021');
  // the only breakable space left is the one before "kl."
  assert.deepEqual(keepTogether('Åbent kl. 7 – 9').split(' '), ['Åbent', 'kl.\u00a07\u00a0\u2060–\u2060\u00a09']);
});

test('words_without_numbers_are_left_alone', () => {
  assert.equal(keepTogether('Kom i klubben – alle er velkomne'), 'Kom i klubben – alle er velkomne');
  assert.equal(keepTogether('Musikskolesammenspilsdag'), 'Musikskolesammenspilsdag');
});

test('the_change_of_language_fades_unless_motion_is_reduced', async () => {
  const { textFadeMs, TEXT_FADE_MS } = await import('../js/player.js');
  assert.equal(textFadeMs(false), TEXT_FADE_MS);
  assert.ok(TEXT_FADE_MS > 0 && TEXT_FADE_MS <= 700, 'short: both languages are read, not the fade');
  assert.equal(textFadeMs(true), 0);
});

test('the_language_marker_names_each_text_in_order', async () => {
  const { languageCodes } = await import('../js/player.js');
  assert.deepEqual(languageCodes([{ language: 'da' }, { language: 'en' }]), ['DA', 'EN']);
  assert.deepEqual(languageCodes([{ language: null }]), ['?']);
});

test('the_player_asks_its_document_only_for_what_the_staff_previews_stand_in_gives', async () => {
  // slide-preview.js draws into a shadow root through a stand-in document with just these
  const { readFileSync } = await import('node:fs');
  const source = readFileSync(new URL('../js/player.js', import.meta.url), 'utf8');
  const used = new Set([...source.matchAll(/\bdoc\.([A-Za-z]+)/g)].map((m) => m[1]));
  assert.deepEqual([...used].sort(), ['createElement', 'createRange', 'getElementById', 'importNode']);
});
