import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSseParser } from '../js/sse.js';

function collect() {
  const events = [];
  const comments = [];
  const retries = [];
  const parser = createSseParser({
    onEvent: (e) => events.push(e),
    onComment: (c) => comments.push(c),
    onRetry: (ms) => retries.push(ms),
  });
  return { parser, events, comments, retries };
}

test('reads_a_manifest_event_with_its_id', () => {
  const { parser, events } = collect();
  parser.push('id: 17\nevent: manifest\ndata: {"etag": "\\"abc\\""}\n\n');
  assert.deepEqual(events, [{ type: 'manifest', data: '{"etag": "\\"abc\\""}', id: '17' }]);
  assert.equal(parser.lastEventId(), '17');
});

test('reads_events_split_anywhere_across_chunks', () => {
  const { parser, events } = collect();
  const text = 'id: 1\r\nevent: emergency\r\ndata: {}\r\n\r\nid: 2\nevent: manifest\ndata: a\ndata: b\n\n';
  for (const ch of text) parser.push(ch);
  assert.deepEqual(events, [
    { type: 'emergency', data: '{}', id: '1' },
    { type: 'manifest', data: 'a\nb', id: '2' },
  ]);
});

test('a_crlf_split_between_chunks_is_one_line_end', () => {
  const { parser, events } = collect();
  parser.push('data: x\r');
  parser.push('\n\r');
  parser.push('\n');
  assert.deepEqual(events, [{ type: 'message', data: 'x', id: '' }]);
});

test('keep_alive_comments_are_reported_and_dispatch_nothing', () => {
  const { parser, events, comments } = collect();
  parser.push(': keep-alive\n\n:\n');
  assert.deepEqual(events, []);
  assert.deepEqual(comments, ['keep-alive', '']);
});

test('an_event_without_data_is_not_dispatched_but_its_id_is_kept', () => {
  const { parser, events } = collect();
  parser.push('id: 9\nevent: manifest\n\n');
  assert.deepEqual(events, []);
  assert.equal(parser.lastEventId(), '9');
  parser.push('data: later\n\n');
  assert.deepEqual(events, [{ type: 'message', data: 'later', id: '9' }], 'the event type does not leak into the next event');
});

test('field_details_follow_the_specification', () => {
  const { parser, events, retries } = collect();
  parser.push('data\ndata:no-space\ndata:  two spaces\nretry: 5000\nretry: soon\nid: a\u0000b\nunknown: x\n\n');
  assert.deepEqual(events, [{ type: 'message', data: '\nno-space\n two spaces', id: '' }]);
  assert.deepEqual(retries, [5000]);
});

test('an_unfinished_event_is_dropped_when_the_stream_ends', () => {
  const { parser, events } = collect();
  parser.push('event: manifest\ndata: half');
  parser.end();
  parser.push('\n\n');
  assert.deepEqual(events, []);
});
