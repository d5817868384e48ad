import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boardAt, isLive, nextChangeAt, pollMs, withDeparturesSlide, delayText, DEPARTURES_SLIDE_ID } from '../js/departures.js';

const NOW = Date.parse('2026-12-03T06:55:00Z'); // 07:55 in Copenhagen

function board({ realtimeAgoMs = 20_000, available = true } = {}) {
  return {
    available,
    stopName: 'Albertslund St.',
    realtimeAt: realtimeAgoMs === null ? null : new Date(NOW - realtimeAgoMs).toISOString(),
    staleAfterSeconds: 120,
    pollSeconds: 20,
    departures: [
      { line: 'B', destination: 'København H', platform: '1', planned: '2026-12-03T07:02:00Z', expected: '2026-12-03T07:03:00Z', delayMinutes: 1, cancelled: false, live: true, colour: '4C9A2A' },
      { line: 'B', destination: 'Høje Taastrup', platform: '2', planned: '2026-12-03T07:08:00Z', expected: '2026-12-03T07:08:00Z', delayMinutes: null, cancelled: false, live: true, colour: '4C9A2A' },
      { line: 'Bx', destination: 'Farum', platform: '1', planned: '2026-12-03T07:12:00Z', expected: '2026-12-03T07:16:00Z', delayMinutes: 4, cancelled: false, live: true, colour: '8DC63F' },
      { line: 'B', destination: 'Høje Taastrup', platform: '2', planned: '2026-12-03T07:20:00Z', expected: '2026-12-03T07:20:00Z', delayMinutes: null, cancelled: true, live: true, colour: '4C9A2A' },
    ],
  };
}

const lines = (shown) => shown.rows.map((r) => `${r.line} ${r.destination} ${new Date(r.time).toISOString().slice(11, 16)}`
  + `${r.delayMinutes ? ` +${r.delayMinutes}` : ''}${r.cancelled ? ' cancelled' : ''}${r.live ? '' : ' planned'}`);

test('fresh_realtime_shows_delays_and_cancellations', () => {
  const shown = boardAt(board(), NOW);
  assert.equal(shown.show, true);
  assert.equal(shown.live, true);
  assert.deepEqual(lines(shown), ['B København H 07:03 +1', 'B Høje Taastrup 07:08', 'Bx Farum 07:16 +4', 'B Høje Taastrup 07:20 cancelled']);
});

test('departures_gone_by_the_kiosk_clock_are_dropped_but_a_late_train_stays', () => {
  const at = Date.parse('2026-12-03T07:13:00Z');
  assert.deepEqual(lines(boardAt(board({ realtimeAgoMs: NOW - at + 10_000 }), at)), [
    'Bx Farum 07:16 +4', 'B Høje Taastrup 07:20 cancelled']);
});

test('realtime_older_than_the_limit_is_shown_as_planned_without_delays_or_cancellations', () => {
  const shown = boardAt(board({ realtimeAgoMs: 121_000 }), NOW);
  assert.equal(shown.live, false);
  assert.deepEqual(lines(shown), ['B København H 07:02 planned', 'B Høje Taastrup 07:08 planned',
    'Bx Farum 07:12 planned', 'B Høje Taastrup 07:20 planned']);
  assert.equal(isLive(board({ realtimeAgoMs: null }), NOW), false);
});

test('a_board_kept_offline_turns_planned_when_its_realtime_ages_past_the_limit', () => {
  const b = board({ realtimeAgoMs: 0 });
  assert.equal(boardAt(b, NOW + 120_000).live, true);
  assert.equal(boardAt(b, NOW + 120_001).live, false);
  assert.equal(nextChangeAt(b, NOW), NOW + 120_001);
});

test('no_board_or_no_departures_shows_nothing', () => {
  assert.equal(boardAt(null, NOW).show, false);
  assert.equal(boardAt(board({ available: false }), NOW).show, false);
  assert.equal(boardAt(board(), Date.parse('2026-12-03T08:00:00Z')).show, false);
});

test('the_slide_joins_the_loop_only_on_a_slide_screen_with_something_to_show', () => {
  const manifest = { emergency: false, screen: { departures: 'slide' }, slides: [{ id: 1, kind: 'text' }] };
  assert.deepEqual(withDeparturesSlide(manifest, true).slides.map((s) => s.id), [1, DEPARTURES_SLIDE_ID]);
  assert.equal(withDeparturesSlide(manifest, false), manifest);
  assert.equal(withDeparturesSlide({ ...manifest, screen: { departures: 'zone' } }, true).slides.length, 1);
  assert.equal(withDeparturesSlide({ ...manifest, emergency: true }, true).slides.length, 1);
});

test('the_server_states_the_poll_interval_within_reason', () => {
  assert.equal(pollMs(board()), 20_000);
  assert.equal(pollMs({ pollSeconds: 1 }), 5_000);
  assert.equal(pollMs(null), 30_000);
  assert.equal(delayText(4), '+4 min');
});

test('on a screen that shares airtime the board takes a turn at the end of the loop', () => {
  const manifest = { emergency: false, screen: { departures: 'slide' }, slides: [{ id: 1 }, { id: 2 }], turns: [0, 1, 0] };
  const shown = withDeparturesSlide(manifest, true);
  assert.deepEqual(shown.turns, [0, 1, 0, 2]);
  assert.equal(shown.slides[2].id, DEPARTURES_SLIDE_ID);
});
