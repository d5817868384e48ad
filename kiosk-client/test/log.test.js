import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLog } from '../js/log.js';

function setup() {
  const out = { info: [], warn: [] };
  const log = createLog({ console: { info: (m) => out.info.push(m), warn: (m) => out.warn.push(m) }, now: () => 0 });
  return { log, out };
}

test('logs_only_when_a_state_changes', () => {
  const { log, out } = setup();
  for (let i = 0; i < 100; i++) log.change('online', true, 'online');
  log.change('online', false, 'offline');
  log.change('online', false, 'offline');
  log.change('online', true, 'online');
  assert.deepEqual(out.info, ['[kiosk] online: online', '[kiosk] online: offline', '[kiosk] online: online']);
});

test('a_repeated_failure_logs_once_until_it_is_solved', () => {
  const { log, out } = setup();
  for (let i = 0; i < 10; i++) log.problem('manifest: HTTP 404', 'manifest');
  log.solved('manifest');
  log.problem('manifest: HTTP 404', 'manifest');
  assert.equal(out.warn.length, 2);
});

test('keeps_recent_failures_for_the_heartbeat_until_they_are_reported', () => {
  const { log } = setup();
  for (let i = 0; i < 25; i++) log.problem(`slide ${i} failed`);
  assert.equal(log.recent().length, 20, 'bounded');
  assert.match(log.recent()[0], /slide 5 failed/);
  log.acknowledgeRecent(20);
  assert.deepEqual(log.recent(), []);
  log.problem('x'.repeat(1000));
  assert.ok(log.recent()[0].length < 340, 'each one bounded too');
});
