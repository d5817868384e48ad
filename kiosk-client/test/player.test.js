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
  assert.deepEqual([...used].sort(), ['createElement', 'createElementNS', 'createRange', 'getElementById', 'importNode']);
});

// ---- the player building slides, on the small fake DOM

import { createPlayer } from '../js/player.js';
import { fakeKiosk } from './fake-dom.js';

const openHouse = {
  id: 41, kind: 'text', title: 'Åbent hus kl. 17–19', html: '', language: 'da', durationSeconds: 12,
  institution: { name: 'Gymnasiet i Albertslund', colour: '#1d4e89' }, media: null, until: null,
  texts: [
    { language: 'da', title: 'Åbent hus kl. 17–19', html: '' },
    { language: 'en', title: 'Open house 5–7 pm', html: '' },
  ],
};

function kiosk(options) {
  const dom = fakeKiosk(options);
  const player = createPlayer({ document: dom.document, window: dom.window, fetch: async () => { throw new Error('no network'); } });
  return { ...dom, player };
}

const words = (article) => article.querySelectorAll('.slide-lang-block').map((b) => [b.getAttribute('lang'), b.querySelector('.slide-title').textContent, b.classList.contains('off')]);

test('a_bilingual_slide_starts_in_the_first_language_and_switches_its_words_only', async () => {
  const { player, root } = kiosk();
  player.commit(await player.prepare(openHouse, { key: '41', src: null }));
  const slide = root.querySelector('#slide');
  assert.equal(slide.getAttribute('lang'), 'da');
  assert.equal(slide.dataset.language, 'da');
  assert.equal(slide.dataset.languages, 'da en');
  assert.deepEqual(words(slide), [['da', 'Åbent hus kl.\u00a017\u2060–\u206019', false], ['en', 'Open house 5\u2060–\u20607 pm', true]]);
  assert.deepEqual(slide.querySelectorAll('.slide-language').map((s) => [s.textContent, s.classList.contains('current')]), [['DA', true], ['EN', false]]);
  player.showText(1);
  assert.equal(root.querySelector('#slide'), slide, 'the same slide: picture, colour and institution stay');
  assert.equal(slide.getAttribute('lang'), 'en');
  assert.equal(slide.dataset.textIndex, '1');
  assert.deepEqual(words(slide).map(([lang, , off]) => [lang, off]), [['da', true], ['en', false]]);
  assert.deepEqual(slide.querySelectorAll('.slide-language').map((s) => s.classList.contains('current')), [false, true]);
  assert.equal(slide.querySelector('.slide-institution').textContent, 'Gymnasiet i Albertslund');
  assert.equal(slide.style.getPropertyValue('--text-fade'), '500ms');
});

test('a_message_with_a_link_shows_its_qr_code_as_svg_elements_from_the_path_data_with_the_short_address_under_it', async () => {
  const { player, root } = kiosk();
  const link = { address: 'https://signage.albertslund.dk/go/k3f9x2ab', label: 'signage.albertslund.dk/go/k3f9x2ab',
    qrPath: 'M4 4h7v1h-7z', modules: 37, modulePx: 14 };
  player.commit(await player.prepare({ ...openHouse, link }, { key: '41', src: null }));
  const slide = root.querySelector('#slide');
  const figure = slide.querySelector('.slide-link');
  assert.equal(figure.dataset.address, link.address);
  const svg = figure.querySelector('.slide-link-code');
  assert.equal(svg.namespaceURI, 'http://www.w3.org/2000/svg');
  assert.equal(svg.getAttribute('viewBox'), '0 0 37 37');
  assert.deepEqual(svg.children.map((c) => [c.tagName ?? c.tag, c.getAttribute('fill')]).map(([, fill]) => fill), ['#ffffff', '#111111']);
  assert.equal(svg.children[1].getAttribute('d'), 'M4 4h7v1h-7z');
  assert.equal(figure.querySelector('.slide-link-label').textContent, link.label);
  assert.ok(slide.classList.contains('has-link'));
  assert.equal(slide.style.getPropertyValue('--qr-label-chars'), String(link.label.length));
});

test('a_link_whose_path_is_not_path_data_is_not_drawn', async () => {
  const { player, root } = kiosk();
  const link = { address: 'x', label: 'x', qrPath: 'M4 4"/><script>', modules: 37, modulePx: 14 };
  player.commit(await player.prepare({ ...openHouse, link }, { key: '41', src: null }));
  assert.equal(root.querySelector('#slide').querySelector('.slide-link'), null);
  assert.ok(!root.querySelector('#slide').classList.contains('has-link'));
});

test('with_reduced_motion_the_words_change_without_a_fade', async () => {
  const { player, root } = kiosk({ reducedMotion: true });
  player.commit(await player.prepare(openHouse, { key: '41', src: null }));
  player.showText(1);
  assert.equal(root.querySelector('#slide').style.getPropertyValue('--text-fade'), '0ms');
});

test('a_slide_pinned_to_one_text_draws_only_that_one_and_never_changes', async () => {
  const { player, root } = kiosk();
  player.commit(await player.prepare(openHouse, { key: 'preview', src: null, textIndex: 1 }));
  const slide = root.querySelector('#slide');
  assert.deepEqual(words(slide).map(([lang, , off]) => [lang, off]), [['en', false]]);
  assert.equal(slide.getAttribute('lang'), 'en');
  assert.equal(slide.dataset.textIndex, '1');
  assert.deepEqual(slide.querySelectorAll('.slide-language.current').map((s) => s.textContent), ['EN'], 'the marker still says a Danish version exists');
  player.showText(0);
  assert.equal(slide.getAttribute('lang'), 'en');
});

test('a_slide_from_a_manifest_without_texts_plays_as_before', async () => {
  const { player, root } = kiosk();
  const old = { id: 7, kind: 'text', title: 'Kantinen er lukket', html: '', language: 'da', durationSeconds: 10, institution: null, media: null };
  player.commit(await player.prepare(old, { key: '7', src: null }));
  const slide = root.querySelector('#slide');
  assert.equal(slide.getAttribute('lang'), 'da');
  assert.deepEqual(words(slide), [['da', 'Kantinen er lukket', false]]);
  assert.equal(slide.querySelector('.slide-languages'), null, 'no language marker for one language');
  assert.equal(slide.dataset.languages, undefined);
});

test('the_side_list_and_info_band_name_the_next_message_once_with_its_languages_marked', () => {
  const { player, root } = kiosk();
  player.setUpcoming([{ key: '42', title: 'Koncert', language: 'da', others: [{ title: 'Concert', language: 'en' }] }]);
  const items = root.querySelector('#side-next').children;
  assert.equal(items.length, 1);
  assert.deepEqual(items[0].children.map((c) => [c.className, c.getAttribute('lang'), c.textContent]),
    [['side-next-title', 'da', 'Koncert'], ['side-next-other', 'en', 'Concert']]);
  const next = root.querySelector('#info-next');
  assert.deepEqual([next.textContent, next.getAttribute('lang')], ['Koncert', 'da']);
  assert.equal(next.closest('.info-next').hasAttribute('hidden'), false);
  player.setUpcoming([]);
  assert.equal(root.querySelector('#info-next').closest('.info-next').hasAttribute('hidden'), true, 'nothing next: no empty label');
});

test('the_info_band_shows_on_a_screen_that_asks_for_it_with_the_date_and_time_in_its_first_language', () => {
  const { player, root } = kiosk();
  const saturday = Date.parse('2026-12-05T08:47:00Z');
  player.setScreen({ width: 1920, height: 1080, layout: 'full', orientation: 'landscape', languages: ['en', 'da'], infoBand: true, timeZone: 'Europe/Copenhagen' });
  player.setClock(saturday);
  assert.equal(root.dataset.infoBand, 'true');
  assert.equal(root.querySelector('.info-date').textContent, 'Saturday 5 December');
  assert.equal(root.querySelector('.info-clock').textContent, '09:47');
  player.setScreen({ width: 1920, height: 1080, layout: 'full', orientation: 'landscape', languages: ['da', 'en'], timeZone: 'Europe/Copenhagen' });
  assert.equal(root.dataset.infoBand, 'false', 'a screen that does not say: no band');
  assert.equal(root.querySelector('.info-date').textContent, 'lørdag 5. december');
  assert.equal(root.querySelector('.info-clock').textContent, '09.47');
});
