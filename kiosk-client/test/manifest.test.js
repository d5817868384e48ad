import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mediaItems, normalizeManifest } from '../js/manifest.js';

const SHA = 'a'.repeat(64);
const SHA2 = 'b'.repeat(64);

test('reads_the_manifest_of_the_protocol', () => {
  const m = normalizeManifest({
    screen: { slug: 'station-hal', name: 'Stationshallen', orientation: 'landscape', layout: 'main-side-ticker', languages: ['da', 'en'], width: 1920, height: 1080 },
    serverTime: '2026-12-01T07:00:00.123Z', generatedAt: '2026-12-01T06:59:58Z', nextChangeAt: null, emergency: false,
    slides: [{ id: 41, kind: 'image', title: 'Åbent hus', html: '<p>x</p>', language: 'da', durationSeconds: 10, until: null,
      institution: { name: 'Gymnasiet i Albertslund', colour: '#1d4e89' },
      media: { url: `/media/${SHA}.png`, sha256: SHA, bytes: 94105, type: 'image/png', width: 1920, height: 1080 } }],
  });
  assert.equal(m.screen.layout, 'main-side-ticker');
  assert.equal(m.screen.timeZone, 'Europe/Copenhagen');
  assert.equal(m.slides[0].kind, 'image');
  assert.equal(m.slides[0].media.sha256, SHA);
});

test('is_forgiving_about_what_it_cannot_use', () => {
  const m = normalizeManifest({
    screen: { layout: 'diagonal', width: 1080, height: 1920 },
    slides: [
      { kind: 'text', title: 'no id' },
      { id: 1, kind: 'hologram', title: 'odd kind' },
      { id: 2, kind: 'image', title: 'image without a hash', media: { url: '/media/x.png' } },
      { id: 3, kind: 'video', title: 'v', media: { url: `/media/${SHA2}.mp4`, sha256: SHA2.toUpperCase(), type: 'video/mp4' } },
    ],
  });
  assert.equal(m.screen.layout, 'full');
  assert.equal(m.screen.orientation, 'portrait');
  assert.deepEqual(m.slides.map((s) => [s.id, s.kind]), [[1, 'text'], [2, 'text'], [3, 'video']]);
  assert.equal(m.slides[1].media, null, 'a file that cannot be checked is never used');
  assert.equal(normalizeManifest({ screen: {} }), null);
  assert.equal(normalizeManifest('<html>'), null);
});

test('lists_each_media_file_once', () => {
  const media = { url: `/media/${SHA}.png`, sha256: SHA, bytes: 10, type: 'image/png' };
  const m = normalizeManifest({ slides: [
    { id: 1, kind: 'image', media }, { id: 1, language: 'en', kind: 'image', media }, { id: 2, kind: 'text' },
  ] });
  assert.deepEqual(mediaItems(m), [{ url: media.url, sha256: SHA, bytes: 10, type: 'image/png' }]);
});

test('keeps_the_touch_screen_flag_only_when_it_is_true', () => {
  assert.equal(normalizeManifest({ screen: { touch: true }, slides: [] }).screen.touch, true);
  assert.equal(normalizeManifest({ screen: { touch: 'yes' }, slides: [] }).screen.touch, false);
});

test('keeps_the_language_versions_of_a_slide_and_the_info_band_flag', () => {
  const m = normalizeManifest({
    screen: { layout: 'full', languages: ['da', 'en'], infoBand: true },
    slides: [{ id: 41, kind: 'text', title: 'Åbent hus', html: '<p>Kom</p>', language: 'da', durationSeconds: 12,
      texts: [{ language: 'da', title: 'Åbent hus', html: '<p>Kom</p>' }, { language: 'en', title: 'Open house', html: '<p>Come</p>' }] }],
  });
  assert.equal(m.screen.infoBand, true);
  assert.deepEqual(m.slides[0].texts.map((t) => [t.language, t.title]), [['da', 'Åbent hus'], ['en', 'Open house']]);
  assert.equal(m.slides[0].title, 'Åbent hus');
});

test('an_old_manifest_has_no_texts_and_no_info_band', () => {
  const m = normalizeManifest({ screen: { layout: 'full' }, slides: [{ id: 1, kind: 'text', title: 'Gammel', html: '', language: 'da' }] });
  assert.equal(m.screen.infoBand, false);
  assert.equal(m.screen.touch, false, 'no touch view unless the server says so');
  assert.equal('texts' in m.slides[0], false);
  assert.equal(m.slides[0].title, 'Gammel');
});

test('old_fields_left_out_are_read_from_the_first_text', () => {
  const m = normalizeManifest({ slides: [{ id: 2, kind: 'text', texts: [{ language: 'en', title: 'Concert', html: '<p>x</p>' }] }] });
  assert.deepEqual([m.slides[0].title, m.slides[0].html, m.slides[0].language], ['Concert', '<p>x</p>', 'en']);
});

test('a_slide_keeps_its_link_only_when_the_qr_code_is_whole', () => {
  const link = { address: 'https://signage.albertslund.dk/go/k3f9x2ab', label: 'signage.albertslund.dk/go/k3f9x2ab',
    qrPath: 'M4 4h7v1h-7z', modules: 37, modulePx: 14 };
  const m = normalizeManifest({ slides: [
    { id: 1, kind: 'text', title: 'Frist', link },
    { id: 2, kind: 'text', title: 'Uden' },
    { id: 3, kind: 'text', title: 'Halv', link: { address: link.address, modules: 37 } },
  ] });
  assert.deepEqual(m.slides.map((s) => s.link), [link, null, null]);
});

test('keeps_the_play_order_by_share_against_the_slides_it_keeps', () => {
  const m = normalizeManifest({
    screen: {},
    slides: [{ kind: 'text', title: 'no id' }, { id: 1, kind: 'text', title: 'a' }, { id: 2, kind: 'text', title: 'b' }],
    turns: [1, 0, 2, 1, 5],
  });
  assert.deepEqual(m.turns, [0, 1, 0], 'the unreadable first slide and a position past the end are left out');
  assert.equal(normalizeManifest({ screen: {}, slides: [] }).turns, null);
});
