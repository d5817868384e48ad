import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  advance, clampDuration, decide, keep, loopTitles, rebase, slideKeys, start, upcoming, STANDBY_RECHECK_MS,
} from '../js/rotation.js';

const T0 = Date.parse('2026-12-01T07:00:00Z');

function slide(id, extra = {}) {
  return { id, kind: 'text', title: `Slide ${id}`, html: '<p>x</p>', language: 'da', durationSeconds: 10, until: null, ...extra };
}

function manifest(slides, extra = {}) {
  return { screen: { layout: 'full' }, emergency: false, slides, ...extra };
}

/** Plays the rotation from T0 for `steps` deadlines and returns the ids shown. */
function play(m, steps, position = null, now = T0) {
  const shown = [];
  let p = decide(m, now, position);
  for (let i = 0; i < steps; i++) {
    shown.push(p.standby ? 'standby' : p.slide.id);
    now = p.deadline;
    p = decide(m, now, p);
  }
  return shown;
}

test('plays_slides_in_manifest_order_and_loops', () => {
  const m = manifest([slide(1), slide(2), slide(3)]);
  assert.deepEqual(play(m, 7), [1, 2, 3, 1, 2, 3, 1]);
});

test('each_slide_lasts_its_own_duration', () => {
  const m = manifest([slide(1, { durationSeconds: 7 }), slide(2, { durationSeconds: 12 })]);
  const first = start(m, T0);
  assert.equal(first.deadline - T0, 7000);
  const second = decide(m, first.deadline, first);
  assert.equal(second.slide.id, 2);
  assert.equal(second.deadline - first.deadline, 12000);
});

test('durations_are_clamped_to_3_to_300_seconds', () => {
  assert.equal(clampDuration(0), 3);
  assert.equal(clampDuration(-5), 3);
  assert.equal(clampDuration(1), 3);
  assert.equal(clampDuration(3), 3);
  assert.equal(clampDuration(45), 45);
  assert.equal(clampDuration(300), 300);
  assert.equal(clampDuration(86400), 300);
  assert.equal(clampDuration(null), 10);
  assert.equal(clampDuration('20'), 10);
  assert.equal(clampDuration(Number.NaN), 10);
  const m = manifest([slide(1, { durationSeconds: 100000 }), slide(2, { durationSeconds: 0 })]);
  const first = start(m, T0);
  assert.equal(first.deadline - T0, 300_000);
  assert.equal(decide(m, first.deadline, first).durationMs, 3000);
});

test('a_benchmark_plays_every_slide_for_its_own_short_time_only_when_asked_for', () => {
  const m = manifest([slide(1, { durationSeconds: 3 }), slide(2, { durationSeconds: 45 })]);
  const quick = { benchmarkSlideMs: 50 };
  const first = start(m, T0, quick);
  assert.equal(first.deadline - T0, 50);
  const second = decide(m, first.deadline, first, quick);
  assert.equal(second.slide.id, 2);
  assert.equal(second.durationMs, 50);
  assert.equal(keep(m, T0 + 10, first, quick).deadline, T0 + 50);
  assert.deepEqual(upcoming(m, T0, first, 3, quick).map((t) => t.title), ['Slide 2']);
  // without the option the same manifest plays by its own durations
  assert.equal(start(m, T0).deadline - T0, 3000);
  assert.equal(decide(m, T0 + 3000, start(m, T0)).durationMs, 45_000);
});

test('keeps_its_place_when_the_manifest_changes', () => {
  const before = manifest([slide(1), slide(2), slide(3)]);
  const first = start(before, T0);
  const second = decide(before, first.deadline, first); // slide 2 from T0+10s
  assert.equal(second.slide.id, 2);
  // a new slide is published in front, and slide 3's text is edited, 4 s into slide 2
  const after = manifest([slide(9), slide(1), slide(2), slide(3, { title: 'Edited' })]);
  const now = second.startedAt + 4000;
  const kept = decide(after, now, second);
  assert.equal(kept.slide.id, 2, 'slide 2 continues');
  assert.equal(kept.startedAt, second.startedAt, 'without starting over');
  assert.equal(kept.deadline, second.deadline, 'and ends when it would have');
  const next = decide(after, kept.deadline, kept);
  assert.equal(next.slide.id, 3);
  assert.equal(next.slide.title, 'Edited');
  assert.equal(decide(after, next.deadline, next).slide.id, 9, 'the new slide comes round in its place');
});

test('continues_with_the_next_slide_in_order_when_the_current_one_is_removed', () => {
  const before = manifest([slide(1), slide(2), slide(3), slide(4)]);
  const first = start(before, T0);
  const second = decide(before, first.deadline, first);
  assert.equal(second.slide.id, 2);
  const now = second.startedAt + 2000;
  const after = manifest([slide(1), slide(3), slide(4)]);
  const next = decide(after, now, second);
  assert.equal(next.slide.id, 3);
  assert.equal(next.startedAt, now, 'the next slide starts at once');
  assert.equal(next.deadline, now + 10_000);
});

test('continues_after_the_removed_slide_even_when_its_neighbours_went_too', () => {
  const before = manifest([slide(1), slide(2), slide(3), slide(4), slide(5)]);
  let p = start(before, T0);
  p = decide(before, p.deadline, p);
  p = decide(before, p.deadline, p); // slide 3
  assert.equal(p.slide.id, 3);
  const after = manifest([slide(1), slide(5), slide(2)]); // 3 and 4 gone, order changed
  assert.equal(decide(after, p.startedAt + 1, p).slide.id, 5);
});

test('a_shortened_duration_ends_the_current_slide_at_once_when_it_has_already_run_longer', () => {
  const before = manifest([slide(1, { durationSeconds: 30 }), slide(2)]);
  const first = start(before, T0);
  const after = manifest([slide(1, { durationSeconds: 5 }), slide(2)]);
  assert.equal(keep(after, T0 + 8000, first).slide.id, 2);
  assert.equal(keep(after, T0 + 2000, first).deadline, T0 + 5000);
});

test('drops_slides_whose_until_has_passed', () => {
  const m = manifest([
    slide(1),
    slide(2, { until: new Date(T0 + 15_000).toISOString() }),
    slide(3),
  ]);
  assert.deepEqual(play(m, 6), [1, 2, 3, 1, 3, 1]);
});

test('ends_a_slide_at_its_until_even_within_its_duration', () => {
  const m = manifest([slide(1, { until: new Date(T0 + 4000).toISOString() }), slide(2)]);
  const first = start(m, T0);
  assert.equal(first.deadline, T0 + 4000);
  assert.equal(decide(m, first.deadline, first).slide.id, 2);
});

test('shows_standby_when_every_slide_has_expired', () => {
  const m = manifest([
    slide(1, { until: new Date(T0 + 5000).toISOString() }),
    slide(2, { until: new Date(T0 + 5000).toISOString() }),
  ]);
  const first = start(m, T0);
  assert.equal(first.slide.id, 1);
  const next = decide(m, first.deadline, first);
  assert.equal(next.standby, true);
  assert.equal(next.slide, null);
  assert.equal(next.deadline, first.deadline + STANDBY_RECHECK_MS);
});

test('shows_standby_for_an_empty_or_missing_manifest', () => {
  assert.equal(start(manifest([]), T0).standby, true);
  assert.equal(start(null, T0).standby, true);
  assert.equal(decide(undefined, T0, null).standby, true);
});

test('leaves_standby_when_a_manifest_with_slides_arrives', () => {
  const idle = start(manifest([]), T0);
  const p = decide(manifest([slide(5), slide(6)]), T0 + 1000, idle);
  assert.equal(p.slide.id, 5);
  assert.equal(p.startedAt, T0 + 1000);
});

test('a_single_slide_repeats_with_a_fresh_showing_each_time', () => {
  const m = manifest([slide(1)]);
  const first = start(m, T0);
  const again = decide(m, first.deadline, first);
  assert.equal(again.slide.id, 1);
  assert.equal(again.startedAt, first.deadline);
});

test('skips_slides_that_cannot_be_played_and_retries_them_on_a_later_loop', () => {
  const m = manifest([slide(1), slide(2, { kind: 'video' }), slide(3)]);
  let broken = true;
  const isPlayable = (s) => !(s.id === 2 && broken);
  let p = start(m, T0, { isPlayable });
  p = decide(m, p.deadline, p, { isPlayable });
  assert.equal(p.slide.id, 3, 'the failed video is skipped');
  broken = false;
  p = decide(m, p.deadline, p, { isPlayable });
  p = decide(m, p.deadline, p, { isPlayable });
  assert.equal(p.slide.id, 2, 'and played again later');
});

test('advance_skips_a_slide_that_failed_while_showing', () => {
  const m = manifest([slide(1), slide(2), slide(3)]);
  const first = start(m, T0);
  const failed = new Set([first.key]);
  const next = advance(m, T0 + 500, first, { isPlayable: (s, key) => !failed.has(key) });
  assert.equal(next.slide.id, 2);
  assert.equal(next.startedAt, T0 + 500);
});

test('an_emergency_manifest_starts_at_its_first_slide_and_so_does_the_return_to_normal', () => {
  const normal = manifest([slide(1), slide(2), slide(3)]);
  let p = start(normal, T0);
  p = decide(normal, p.deadline, p); // slide 2
  const alarm = manifest([slide(70), slide(2)], { emergency: true });
  const e = decide(alarm, p.startedAt + 1000, p);
  assert.equal(e.slide.id, 70);
  assert.equal(e.emergency, true);
  const back = decide(normal, e.startedAt + 1000, e);
  assert.equal(back.slide.id, 1);
  assert.equal(back.emergency, false);
});

test('a_message_is_keyed_by_its_id_whatever_language_is_showing', () => {
  const m = manifest([
    slide(41, { texts: [{ language: 'da', title: 'Åbent hus', html: '' }, { language: 'en', title: 'Open house', html: '' }] }),
    slide(42),
  ]);
  assert.deepEqual(slideKeys(m.slides), ['41', '42']);
  assert.deepEqual(play(m, 4), [41, 42, 41, 42]);
  // the same message twice in one loop: two places, told apart by a counter
  assert.deepEqual(slideKeys([slide(1), slide(2), slide(1)]), ['1', '2', '1#2']);
});

test('a_manifest_kept_from_before_texts_still_plays_each_language_slide_in_turn', () => {
  const m = manifest([slide(41, { language: 'da' }), slide(41, { language: 'en' }), slide(42)]);
  assert.deepEqual(slideKeys(m.slides), ['41', '41#2', '42']);
  let p = start(m, T0);
  const seen = [];
  for (let i = 0; i < 4; i++) {
    seen.push(`${p.slide.id}/${p.slide.language}`);
    p = decide(m, p.deadline, p);
  }
  assert.deepEqual(seen, ['41/da', '41/en', '42/da', '41/da']);
});

test('rebase_counts_the_full_duration_from_when_the_slide_appeared', () => {
  const m = manifest([slide(1)]);
  const p = start(m, T0);
  const shown = rebase(p, T0 + 700);
  assert.equal(shown.startedAt, T0 + 700);
  assert.equal(shown.deadline, T0 + 10_700);
  const capped = rebase(start(manifest([slide(1, { until: new Date(T0 + 5000).toISOString() })]), T0), T0 + 700);
  assert.equal(capped.deadline, T0 + 5000);
});

test('lists_the_next_titles_and_the_loop_for_the_side_column_and_ticker', () => {
  const m = manifest([slide(1), slide(2), slide(3, { until: new Date(T0 - 1).toISOString() }), slide(4)]);
  const p = start(m, T0);
  assert.deepEqual(upcoming(m, T0, p, 2).map((t) => t.title), ['Slide 2', 'Slide 4']);
  assert.deepEqual(upcoming(m, T0, p, 10).map((t) => t.title), ['Slide 2', 'Slide 4']);
  assert.deepEqual(loopTitles(m, T0).map((t) => t.title), ['Slide 1', 'Slide 2', 'Slide 4']);
});

test('the_decision_does_not_depend_on_anything_but_its_arguments', () => {
  const m = manifest([slide(1), slide(2)]);
  const a = start(m, T0);
  const b = start(m, T0);
  assert.deepEqual(a, b);
  assert.deepEqual(decide(m, T0 + 10_000, a), decide(m, T0 + 10_000, b));
});

function message(id, da, en, extra = {}) {
  return slide(id, { title: da, language: 'da', texts: [{ language: 'da', title: da, html: '' }, { language: 'en', title: en, html: '' }], ...extra });
}

test('next_and_ticker_name_each_message_once_in_the_screens_first_language', () => {
  const m = manifest([message(1, 'Åbent hus', 'Open house'), message(2, 'Koncert', 'Concert'), message(3, 'Bibliotek', 'Library')]);
  const p = start(m, T0);
  assert.deepEqual(upcoming(m, T0, p, 3), [
    { key: '2', title: 'Koncert', language: 'da', others: [{ title: 'Concert', language: 'en' }] },
    { key: '3', title: 'Bibliotek', language: 'da', others: [{ title: 'Library', language: 'en' }] },
  ]);
  assert.deepEqual(loopTitles(m, T0).map((t) => [t.title, t.language]), [['Åbent hus', 'da'], ['Koncert', 'da'], ['Bibliotek', 'da']]);
});

test('a_manifest_kept_from_before_texts_lists_each_message_once_too', () => {
  const m = manifest([
    slide(1, { title: 'Åbent hus' }), slide(1, { title: 'Open house', language: 'en' }),
    slide(2, { title: 'Koncert' }), slide(2, { title: 'Concert', language: 'en' }),
    slide(3, { title: 'Bibliotek' }), slide(3, { title: 'Library', language: 'en' }),
  ]);
  const p = start(m, T0);
  assert.deepEqual(upcoming(m, T0, p, 3).map((t) => t.title), ['Koncert', 'Bibliotek']);
  assert.deepEqual(loopTitles(m, T0).map((t) => t.title), ['Åbent hus', 'Koncert', 'Bibliotek']);
  // while the English version of message 1 shows, message 1 is not "next"
  const english = decide(m, p.deadline, p);
  assert.equal(english.slide.language, 'en');
  assert.deepEqual(upcoming(m, english.startedAt, english, 3).map((t) => t.title), ['Koncert', 'Bibliotek']);
});

test('a_bilingual_slide_lasts_its_own_duration_not_one_per_language', () => {
  const m = manifest([message(1, 'Åbent hus', 'Open house', { durationSeconds: 16 }), slide(2)]);
  const first = start(m, T0);
  assert.equal(first.deadline - T0, 16_000);
  assert.equal(decide(m, T0 + 15_999, first).slide.id, 1);
  assert.equal(decide(m, T0 + 16_000, first).slide.id, 2);
});

test('plays_by_turns_when_the_screen_shares_airtime_each_showing_its_own_key', () => {
  // schools 40 %, library 20 %, culture 40 %: the server's order, one loop
  const m = manifest([slide(1), slide(2), slide(3)], { turns: [0, 2, 1, 0, 2] });
  assert.deepEqual(play(m, 7), [1, 3, 2, 1, 3, 1, 3]);
  assert.deepEqual(start(m, T0).order, ['1', '3', '2', '1#2', '3#2']);
  assert.deepEqual(loopTitles(m, T0).map((t) => t.key), ['1', '3', '2']);
});

test('turns_that_point_nowhere_are_skipped_and_none_left_means_the_listed_order', () => {
  assert.deepEqual(play(manifest([slide(1), slide(2)], { turns: [1, 7, -1, 'x'] }), 3), [2, 2, 2]);
  assert.deepEqual(play(manifest([slide(1), slide(2)], { turns: [9] }), 3), [1, 2, 1]);
});
