import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPlayback } from '../js/playback.js';
import { createPlays } from '../js/plays.js';
import { createStore, memoryStorage } from '../js/store.js';
import { createTimer } from '../js/scheduler.js';
import { fakeTime } from './fakes.js';

const T0 = Date.parse('2026-12-01T07:00:00Z');

function slide(id, extra = {}) {
  return { id, kind: 'text', title: `Slide ${id}`, html: '', language: 'da', durationSeconds: 10, until: null, institution: null, media: null, ...extra };
}
function manifest(slides, extra = {}) {
  return { screen: { name: 'Stationshallen' }, campusName: 'Campus Albertslund', emergency: false, slides, ...extra };
}

/** A player that records what went on screen; `broken` keys fail to prepare. */
function fakePlayer(broken = new Set()) {
  const screen = [];
  const titles = [];
  const texts = []; // [ms, index] of every change of language on the slide on screen
  const upcomingTitles = [];
  let current = null;
  let now = () => 0;
  return {
    screen,
    titles,
    texts,
    upcomingTitles,
    broken,
    useClock(fn) {
      now = fn;
    },
    async prepare(s, { key, firstText = 0 }) {
      if (broken.has(key)) throw new Error('image could not be loaded');
      return { key, kind: s.kind, title: s.title, firstText };
    },
    showText(index) {
      texts.push([now(), index]);
    },
    prepareStandby() {
      return { key: null, kind: 'standby' };
    },
    commit(handle) {
      current = handle;
      screen.push(handle.kind === 'standby' ? 'standby' : handle.key);
      titles.push(handle.title);
    },
    discard() {},
    get current() {
      return current;
    },
    setUpcoming(list) {
      upcomingTitles.push(list.map((t) => t.title));
    },
    setTicker() {},
  };
}

function setup({ broken, ready = () => true, offset = { ms: 0 }, benchmarkSlideMs } = {}) {
  const time = fakeTime(T0);
  const serverNow = () => time.now() + offset.ms;
  const player = fakePlayer(broken);
  player.useClock(() => time.now() - T0);
  const plays = createPlays({ store: createStore(memoryStorage()), now: serverNow });
  const problems = [];
  const playback = createPlayback({
    player,
    timer: createTimer({ ...time, now: serverNow }),
    clock: { now: serverNow },
    media: { isReady: ready, broken: () => {} },
    plays,
    log: { change() {}, problem: (m) => problems.push(m) },
    benchmarkSlideMs,
  });
  return { time, player, plays, playback, problems };
}

test('shows_slides_in_order_each_for_its_duration', async () => {
  const { time, player, playback } = setup();
  playback.setManifest(manifest([slide(1), slide(2, { durationSeconds: 5 }), slide(3)]));
  await time.advance(24_999);
  assert.deepEqual(player.screen, ['1', '2', '3']);
  await time.advance(1);
  assert.deepEqual(player.screen, ['1', '2', '3', '1']);
});

test('the_benchmark_slide_time_reaches_the_rotation_and_is_off_by_default', async () => {
  const quick = setup({ benchmarkSlideMs: 50 });
  quick.playback.setManifest(manifest([slide(1, { durationSeconds: 3 }), slide(2, { durationSeconds: 3 })]));
  await quick.time.advance(200);
  assert.deepEqual(quick.player.screen, ['1', '2', '1', '2', '1']);
  const usual = setup();
  usual.playback.setManifest(manifest([slide(1, { durationSeconds: 3 }), slide(2, { durationSeconds: 3 })]));
  await usual.time.advance(2999);
  assert.deepEqual(usual.player.screen, ['1']);
});

test('records_a_play_for_every_slide_shown', async () => {
  const { time, plays, playback } = setup();
  playback.setManifest(manifest([slide(41), slide(41, { language: 'en' })]));
  await time.advance(20_000);
  const batch = plays.nextBatch();
  assert.deepEqual(batch.plays, [
    { announcementId: 41, language: 'da', startedAt: new Date(T0).toISOString(), durationMs: 10_000 },
    { announcementId: 41, language: 'en', startedAt: new Date(T0 + 10_000).toISOString(), durationMs: 10_000 },
  ]);
});

test('keeps_its_place_when_the_manifest_changes', async () => {
  const { time, player, playback } = setup();
  playback.setManifest(manifest([slide(1), slide(2), slide(3)]));
  await time.advance(13_000); // slide 2, 3 s in
  playback.setManifest(manifest([slide(7), slide(1), slide(2), slide(3)]));
  await time.advance(0);
  assert.deepEqual(player.screen, ['1', '2'], 'slide 2 is not shown again from the start');
  await time.advance(7000);
  assert.deepEqual(player.screen, ['1', '2', '3']);
});

test('skips_a_slide_that_fails_to_load_and_tries_it_again_a_minute_later', async () => {
  const broken = new Set(['2']);
  const { time, player, playback, problems } = setup({ broken });
  playback.setManifest(manifest([slide(1), slide(2), slide(3)]));
  await time.advance(10_000);
  assert.deepEqual(player.screen, ['1', '3'], 'no gap: slide 3 follows at once');
  assert.match(problems[0], /slide 2 failed/);
  broken.clear();
  await time.advance(60_000);
  assert.ok(player.screen.slice(2).includes('2'), `later: ${player.screen.join(' ')}`);
});

test('slides_whose_media_is_not_ready_wait_and_come_in_when_it_is', async () => {
  let have = false;
  const { time, player, playback } = setup({ ready: () => have });
  playback.setManifest(manifest([slide(1, { kind: 'image', media: { sha256: 'a'.repeat(64), url: '/m' } })]));
  await time.advance(0);
  assert.deepEqual(player.screen, ['standby']);
  have = true;
  playback.refresh();
  await time.advance(0);
  assert.deepEqual(player.screen, ['standby', '1']);
});

test('an_emergency_interrupts_at_once', async () => {
  const { time, player, playback } = setup();
  playback.setManifest(manifest([slide(1, { durationSeconds: 60 })]));
  await time.advance(2000);
  playback.setManifest(manifest([slide(99)], { emergency: true }));
  await time.advance(0);
  assert.deepEqual(player.screen, ['1', '99']);
});

test('a_lone_slide_stays_up_and_counts_a_play_per_loop', async () => {
  const { time, player, plays, playback } = setup();
  playback.setManifest(manifest([slide(5)]));
  await time.advance(30_000);
  assert.deepEqual(player.screen, ['5'], 'no flicker');
  assert.equal(plays.stats().buffered, 3);
});

test('stop_counts_the_slide_on_screen_up_to_then', async () => {
  const { time, plays, playback } = setup();
  playback.setManifest(manifest([slide(5, { durationSeconds: 30 })]));
  await time.advance(4000);
  playback.stop();
  assert.equal(plays.nextBatch().plays[0].durationMs, 4000);
  assert.equal(time.pendingCount(), 0, 'no timer left behind');
});

test('a_clock_correction_neither_cuts_nor_stretches_the_slide_on_screen', async () => {
  const offset = { ms: 0 };
  const { time, player, plays, playback } = setup({ offset });
  playback.setManifest(manifest([slide(1), slide(2)]));
  await time.advance(4000);
  offset.ms = 90_000; // the first answer from the server: this kiosk was 90 s slow
  playback.shiftTime(90_000);
  await time.advance(5999);
  assert.deepEqual(player.screen, ['1']);
  await time.advance(1);
  assert.deepEqual(player.screen, ['1', '2']);
  assert.equal(plays.nextBatch().plays[0].durationMs, 10_000);
});

test('an_edit_of_the_slide_on_screen_shows_at_once_in_the_same_time_slot', async () => {
  const { time, player, plays, playback } = setup();
  playback.setManifest(manifest([slide(1), slide(2)]));
  await time.advance(3000);
  playback.setManifest(manifest([slide(1, { title: 'Aflyst' }), slide(2)]));
  await time.advance(0);
  assert.deepEqual(player.titles, ['Slide 1', 'Aflyst']);
  await time.advance(6999);
  assert.deepEqual(player.screen, ['1', '1']);
  await time.advance(1);
  assert.deepEqual(player.screen, ['1', '1', '2'], 'slide 2 follows when slide 1 would have ended');
  assert.deepEqual(plays.nextBatch().plays.map((p) => p.durationMs), [10_000], 'one play, not two');
});

function bilingual(id, extra = {}) {
  return slide(id, {
    title: `Besked ${id}`,
    texts: [{ language: 'da', title: `Besked ${id}`, html: '' }, { language: 'en', title: `Message ${id}`, html: '' }],
    ...extra,
  });
}

test('a_bilingual_slide_shows_each_language_for_half_its_time_on_the_slide_timer', async () => {
  const { time, player, playback } = setup();
  playback.setManifest(manifest([bilingual(1, { durationSeconds: 12 }), slide(2)]));
  await time.advance(5999);
  assert.deepEqual(player.texts, [], 'Danish for the first 6 s');
  assert.equal(time.pendingCount(), 1, 'one timer, no interval beside it');
  await time.advance(1);
  assert.deepEqual(player.texts, [[6000, 1]], 'English at exactly 6 s');
  assert.deepEqual(player.screen, ['1'], 'the same slide: the picture stays, only the words change');
  assert.equal(playback.snapshot().current.showing, 'en');
  await time.advance(5999);
  assert.deepEqual(player.screen, ['1']);
  await time.advance(1);
  assert.deepEqual(player.screen, ['1', '2'], 'the next slide after the whole 12 s, not 12 s per language');
  assert.deepEqual(player.texts, [[6000, 1]]);
});

test('a_slide_with_one_text_keeps_it_the_whole_time', async () => {
  const { time, player, playback } = setup();
  playback.setManifest(manifest([slide(1, { durationSeconds: 12, texts: [{ language: 'da', title: 'Kun dansk', html: '' }] }), slide(2)]));
  await time.advance(11_999);
  assert.deepEqual(player.texts, []);
  assert.deepEqual(player.screen, ['1']);
  await time.advance(1);
  assert.deepEqual(player.screen, ['1', '2']);
});

test('a_bilingual_slide_is_one_play_with_its_whole_duration', async () => {
  const { time, plays, playback } = setup();
  playback.setManifest(manifest([bilingual(41, { durationSeconds: 12 }), slide(42)]));
  await time.advance(22_000);
  assert.deepEqual(plays.nextBatch().plays, [
    { announcementId: 41, language: 'da', startedAt: new Date(T0).toISOString(), durationMs: 12_000 },
    { announcementId: 42, language: 'da', startedAt: new Date(T0 + 12_000).toISOString(), durationMs: 10_000 },
  ]);
});

test('a_lone_bilingual_slide_starts_again_in_its_first_language_each_loop', async () => {
  const { time, player, playback } = setup();
  playback.setManifest(manifest([bilingual(5, { durationSeconds: 10 })]));
  await time.advance(20_000);
  assert.deepEqual(player.texts, [[5000, 1], [10_000, 0], [15_000, 1], [20_000, 0]]);
  assert.deepEqual(player.screen, ['5']);
});

test('an_edit_while_the_english_shows_keeps_the_english_until_its_time_is_up', async () => {
  const { time, player, playback } = setup();
  playback.setManifest(manifest([bilingual(1, { durationSeconds: 12 }), slide(2)]));
  await time.advance(8000);
  playback.setManifest(manifest([bilingual(1, { durationSeconds: 12, title: 'Aflyst' }), slide(2)]));
  await time.advance(0);
  assert.deepEqual(player.screen, ['1', '1']);
  assert.equal(player.titles[1], 'Aflyst');
  assert.equal(playback.snapshot().current.showing, 'en');
  await time.advance(4000);
  assert.deepEqual(player.screen, ['1', '1', '2']);
});

test('a_manifest_kept_from_before_texts_plays_its_language_slides_in_turn', async () => {
  const { time, player, plays, playback } = setup();
  playback.setManifest(manifest([slide(41), slide(41, { language: 'en', title: 'Open house' }), slide(42)]));
  await time.advance(30_000);
  assert.deepEqual(player.screen, ['41', '41#2', '42', '41']);
  assert.deepEqual(player.texts, []);
  assert.deepEqual(plays.nextBatch().plays.map((p) => p.language), ['da', 'en', 'da']);
});

test('the_next_titles_name_each_message_once', async () => {
  const { time, player, playback } = setup();
  playback.setManifest(manifest([bilingual(1), bilingual(2), bilingual(3)]));
  await time.advance(0);
  assert.deepEqual(player.upcomingTitles.at(-1), ['Besked 2', 'Besked 3']);
});
