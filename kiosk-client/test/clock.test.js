import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appliedOffset, bestOffset, createClock, formatDate, formatTime, msToNextMinute, sample, screenLanguage, THRESHOLD_MS } from '../js/clock.js';

const SERVER = '2026-12-01T07:00:00.000Z';
const S = Date.parse(SERVER);

test('measures_the_offset_from_the_middle_of_the_round_trip', () => {
  // local clock 10 s behind: request sent at S-10s-100ms, answered at S-10s+100ms
  const s = sample(SERVER, S - 10_100, S - 9_900);
  assert.deepEqual(s, { offsetMs: 10_000, rttMs: 200 });
});

test('an_unreadable_server_time_gives_no_sample', () => {
  assert.equal(sample('yesterday', 0, 1), null);
  assert.equal(sample(undefined, 0, 1), null);
});

test('trusts_the_sample_with_the_shortest_round_trip', () => {
  const samples = [
    { offsetMs: 5000, rttMs: 900 },
    { offsetMs: 4200, rttMs: 40 },
    { offsetMs: 6100, rttMs: 2500 },
  ];
  assert.equal(bestOffset(samples), 4200);
  assert.equal(bestOffset([]), null);
});

test('keeps_its_own_clock_within_three_seconds', () => {
  assert.equal(THRESHOLD_MS, 3000);
  assert.equal(appliedOffset(2999), 0);
  assert.equal(appliedOffset(-3000), 0);
  assert.equal(appliedOffset(null), 0);
});

test('uses_the_server_time_when_its_own_clock_is_off_by_more_than_three_seconds', () => {
  assert.equal(appliedOffset(3001), 3001);
  assert.equal(appliedOffset(-120_000), -120_000);
  let local = S - 60_000; // a Raspberry Pi that booted without network time: a minute slow
  const clock = createClock({ now: () => local });
  assert.equal(clock.now(), local, 'before any answer it plays by its own clock');
  const changed = clock.observe(SERVER, local - 50, local + 50);
  assert.equal(changed, true);
  assert.equal(clock.offsetMs(), 60_000, 'the offset is reported');
  assert.equal(clock.appliedOffsetMs(), 60_000);
  local += 1000;
  assert.equal(clock.now(), S + 1000);
});

test('reports_a_small_offset_without_applying_it', () => {
  const local = S - 1500;
  const clock = createClock({ now: () => local });
  assert.equal(clock.observe(SERVER, local - 10, local + 10), false);
  assert.equal(clock.offsetMs(), 1500);
  assert.equal(clock.now(), local);
});

test('shows_the_campus_time_whatever_zone_the_kiosk_is_in', () => {
  assert.equal(formatTime(S), '08.00'); // 07:00Z is 08:00 in Copenhagen in December
  assert.equal(formatTime(Date.parse('2026-07-01T07:05:00Z')), '09.05'); // summer time
  assert.equal(formatDate(S), 'tirsdag 1. december');
});

test('danish_screens_write_times_with_a_dot_english_with_a_colon', () => {
  const t = Date.parse('2026-12-01T08:47:00Z');
  assert.equal(formatTime(t, 'Europe/Copenhagen', 'da'), '09.47');
  assert.equal(formatTime(t, 'Europe/Copenhagen', 'en'), '09:47');
  assert.equal(formatTime(Date.parse('2026-12-01T23:05:00Z'), 'Europe/Copenhagen', 'da'), '00.05'); // never "24.05"
  assert.equal(formatDate(S, 'Europe/Copenhagen', 'en'), 'Tuesday 1 December');
});

test('a_screen_reads_in_its_first_language_and_danish_by_default', () => {
  assert.equal(screenLanguage(['da', 'en']), 'da');
  assert.equal(screenLanguage(['en', 'da']), 'en');
  assert.equal(screenLanguage(['en-GB']), 'en');
  assert.equal(screenLanguage([]), 'da');
  assert.equal(screenLanguage(undefined), 'da');
});

test('the_clock_ticks_on_the_minute', () => {
  assert.equal(msToNextMinute(S), 60_000);
  assert.equal(msToNextMinute(S + 59_000), 1000);
});

test('the_info_band_says_the_date_and_time_in_the_screens_first_language', async () => {
  const { dateAndTime, screenLanguage } = await import('../js/clock.js');
  const saturday = Date.parse('2026-12-05T08:47:00Z'); // 09.47 in Copenhagen
  assert.deepEqual(dateAndTime(saturday, 'Europe/Copenhagen', screenLanguage(['da', 'en'])), { date: 'lørdag 5. december', time: '09.47' });
  assert.deepEqual(dateAndTime(saturday, 'Europe/Copenhagen', screenLanguage(['en', 'da'])), { date: 'Saturday 5 December', time: '09:47' });
  assert.deepEqual(dateAndTime(saturday, 'Europe/Copenhagen', screenLanguage([])), { date: 'lørdag 5. december', time: '09.47' });
});
