import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPlays } from '../js/plays.js';
import { createStore, memoryStorage } from '../js/store.js';

const T0 = Date.parse('2026-12-01T07:00:00Z');

function setup(storage = memoryStorage()) {
  let now = T0;
  const clock = { get: () => now, advance: (ms) => (now += ms) };
  const plays = createPlays({ store: createStore(storage), now: clock.get });
  return { plays, clock, storage };
}

function play(i) {
  return { announcementId: 40 + (i % 3), language: 'da', startedAt: new Date(T0 + i * 10_000).toISOString(), durationMs: 10_000 };
}

test('sends_a_batch_after_thirty_seconds', () => {
  const { plays, clock } = setup();
  plays.record(play(0));
  assert.equal(plays.due(), false);
  clock.advance(29_999);
  assert.equal(plays.due(), false);
  clock.advance(1);
  assert.equal(plays.due(), true);
  assert.deepEqual(plays.nextBatch(), { seq: 1, plays: [play(0)] });
});

test('sends_a_batch_as_soon_as_twenty_plays_are_in', () => {
  const { plays } = setup();
  for (let i = 0; i < 19; i++) assert.equal(plays.record(play(i)), false);
  assert.equal(plays.record(play(19)), true);
  assert.equal(plays.due(), true);
  const batch = plays.nextBatch();
  assert.equal(batch.seq, 1);
  assert.equal(batch.plays.length, 20);
});

test('numbers_batches_with_increasing_seq', () => {
  const { plays } = setup();
  plays.record(play(0));
  const a = plays.nextBatch();
  plays.acknowledge(a.seq);
  plays.record(play(1));
  const b = plays.nextBatch();
  assert.deepEqual([a.seq, b.seq], [1, 2]);
  assert.equal(plays.nextBatch().seq, 2, 'unacknowledged: still the same batch');
  plays.acknowledge(2);
  assert.equal(plays.nextBatch(), null);
});

test('resends_a_failed_batch_with_the_same_seq_and_the_same_plays', () => {
  const { plays, clock } = setup();
  for (let i = 0; i < 3; i++) plays.record(play(i));
  const first = plays.nextBatch();
  plays.failed(first.seq);
  plays.record(play(3)); // a play recorded meanwhile goes into the next batch
  assert.equal(plays.due(), false, 'waits before retrying');
  clock.advance(30_000);
  assert.equal(plays.due(), true);
  assert.deepEqual(plays.nextBatch(), first);
  plays.acknowledge(first.seq);
  assert.deepEqual(plays.nextBatch(), { seq: 2, plays: [play(3)] });
});

test('keeps_seq_and_the_unsent_batch_across_a_reload', () => {
  const storage = memoryStorage();
  const before = setup(storage);
  before.plays.record(play(0));
  before.plays.acknowledge(before.plays.nextBatch().seq);
  before.plays.record(play(1));
  const unsent = before.plays.nextBatch(); // the power went before the answer came
  before.plays.record(play(2));
  const after = setup(storage);
  assert.deepEqual(after.plays.nextBatch(), unsent, 'the same batch, the same seq');
  after.plays.acknowledge(unsent.seq);
  assert.deepEqual(after.plays.nextBatch(), { seq: 3, plays: [play(2)] });
});

test('drops_a_batch_the_server_refuses_as_invalid_and_goes_on', () => {
  const { plays } = setup();
  plays.record(play(0));
  const bad = plays.nextBatch();
  plays.discard(bad.seq);
  plays.record(play(1));
  assert.equal(plays.nextBatch().seq, 2);
  assert.equal(plays.stats().dropped, 1);
});

test('bounds_what_it_keeps_while_offline_for_months', () => {
  const storage = memoryStorage();
  let now = T0;
  const plays = createPlays({ store: createStore(storage), now: () => now, maxBuffered: 50 });
  for (let i = 0; i < 80; i++) plays.record(play(i));
  assert.equal(plays.stats().buffered, 50);
  assert.equal(plays.stats().dropped, 30);
  assert.deepEqual(plays.nextBatch().plays[0], play(30), 'the oldest went first');
});
