import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoff, createTimer, jitter, MAX_WAIT_MS } from '../js/scheduler.js';

/** A controlled clock with fake setTimeout: `advance` fires what falls due, in order. */
function fakeTime(start = 0) {
  let now = start;
  let nextId = 1;
  const pending = new Map();
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      pending.set(id, { fn, at: now + ms });
      return id;
    },
    clearTimeout: (id) => pending.delete(id),
    pendingCount: () => pending.size,
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
  };
}

test('only_one_timeout_is_ever_pending', () => {
  const t = fakeTime();
  const timer = createTimer(t);
  const fired = [];
  timer.after(1000, () => fired.push('a'));
  timer.after(2000, () => fired.push('b'));
  timer.at(500, () => fired.push('c'));
  assert.equal(t.pendingCount(), 1);
  t.advance(5000);
  assert.deepEqual(fired, ['c']);
  assert.equal(timer.pending, false);
});

test('cancel_stops_the_pending_run', () => {
  const t = fakeTime();
  const timer = createTimer(t);
  let fired = false;
  timer.after(1000, () => (fired = true));
  timer.cancel();
  t.advance(2000);
  assert.equal(fired, false);
});

test('a_chained_job_rearms_itself_without_overlapping', () => {
  const t = fakeTime();
  const timer = createTimer(t);
  const runs = [];
  const job = () => {
    runs.push(t.now());
    timer.after(1000, job);
  };
  timer.after(1000, job);
  t.advance(3500);
  assert.deepEqual(runs, [1000, 2000, 3000]);
  assert.equal(t.pendingCount(), 1);
});

test('waits_for_a_far_deadline_in_steps_and_fires_on_time', () => {
  const t = fakeTime();
  const timer = createTimer(t);
  let firedAt = null;
  const deadline = 3 * MAX_WAIT_MS + 5;
  timer.at(deadline, () => (firedAt = t.now()));
  t.advance(deadline + 10);
  assert.equal(firedAt, deadline);
});

test('a_deadline_in_the_past_fires_asynchronously', () => {
  const t = fakeTime(10_000);
  const timer = createTimer(t);
  let fired = false;
  timer.at(5000, () => (fired = true));
  assert.equal(fired, false);
  t.advance(0);
  assert.equal(fired, true);
});

test('polling_delays_vary_by_twenty_percent_either_way', () => {
  assert.equal(jitter(30_000, 0.2, () => 0), 24_000);
  assert.equal(jitter(30_000, 0.2, () => 0.5), 30_000);
  assert.equal(jitter(30_000, 0.2, () => 0.999999), 36_000);
  assert.equal(backoff(0, { random: () => 0.5 }), 1000);
  assert.equal(backoff(3, { random: () => 0.5 }), 8000);
  assert.equal(backoff(30, { random: () => 0.5 }), 60_000);
});
