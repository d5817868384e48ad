import { test } from 'node:test';
import assert from 'node:assert/strict';
import { textAt, textsOf } from '../js/texts.js';

const T0 = Date.parse('2026-12-05T08:00:00Z');
const bilingual = {
  id: 41, kind: 'image', title: 'Åbent hus', html: '<p>Kom og se skolen</p>', language: 'da',
  texts: [
    { language: 'da', title: 'Åbent hus', html: '<p>Kom og se skolen</p>' },
    { language: 'en', title: 'Open house', html: '<p>Come and see the school</p>' },
  ],
  durationSeconds: 12,
};

test('two_texts_share_the_slide_time_half_each', () => {
  assert.deepEqual(textAt(bilingual, T0, T0, 12_000), { index: 0, count: 2, nextSwitchAt: T0 + 6000 });
  assert.equal(textAt(bilingual, T0, T0 + 5999, 12_000).index, 0);
  assert.deepEqual(textAt(bilingual, T0, T0 + 6000, 12_000), { index: 1, count: 2, nextSwitchAt: Infinity });
  assert.equal(textAt(bilingual, T0, T0 + 11_999, 12_000).index, 1);
});

test('three_texts_get_a_third_each_in_the_screens_order', () => {
  const three = { ...bilingual, texts: [...bilingual.texts, { language: 'de', title: 'Tag der offenen Tür', html: '' }] };
  assert.deepEqual([0, 3999, 4000, 7999, 8000, 11_999].map((ms) => textAt(three, T0, T0 + ms, 12_000).index), [0, 0, 1, 1, 2, 2]);
  assert.equal(textAt(three, T0, T0 + 4000, 12_000).nextSwitchAt, T0 + 8000);
});

test('one_text_shows_the_whole_time_and_never_switches', () => {
  const single = { ...bilingual, texts: [bilingual.texts[0]] };
  assert.deepEqual(textAt(single, T0, T0 + 11_000, 12_000), { index: 0, count: 1, nextSwitchAt: Infinity });
});

test('before_its_start_a_slide_shows_its_first_text_and_after_its_end_its_last', () => {
  assert.equal(textAt(bilingual, T0, T0 - 500, 12_000).index, 0);
  assert.equal(textAt(bilingual, T0, T0 + 60_000, 12_000).index, 1);
});

test('a_slide_without_texts_is_its_own_one_text', () => {
  const old = { id: 7, kind: 'text', title: 'Kantinen er lukket', html: '<p>i dag</p>', language: 'da' };
  assert.deepEqual(textsOf(old), [{ language: 'da', title: 'Kantinen er lukket', html: '<p>i dag</p>' }]);
  assert.deepEqual(textsOf({ ...old, texts: [] }), textsOf(old));
  assert.deepEqual(textAt(old, T0, T0 + 9000, 10_000), { index: 0, count: 1, nextSwitchAt: Infinity });
});

test('texts_are_read_forgivingly', () => {
  const odd = { id: 1, title: 'fallback', texts: [null, { language: '', title: 'Uden sprog' }, 'x', { language: 'en', html: '<p>only words</p>' }] };
  assert.deepEqual(textsOf(odd), [
    { language: null, title: 'Uden sprog', html: '' },
    { language: 'en', title: '', html: '<p>only words</p>' },
  ]);
});
