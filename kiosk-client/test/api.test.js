import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, createApi, createLiveUpdates, localExpiry, openEventStream, POLL_MS, retryAfterMs } from '../js/api.js';
import { fakeTime, flush } from './fakes.js';

function streamResponse(chunks, { status = 200, type = 'text/event-stream', keepOpen = false } = {}) {
  const encoder = new TextEncoder();
  const body = new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      if (!keepOpen) controller.close();
    },
  });
  return new Response(body, { status, headers: { 'Content-Type': type } });
}

test('reads_the_event_stream_with_the_device_token_and_last_event_id', async () => {
  let asked;
  const fetch = async (url, init) => {
    asked = { url, headers: init.headers };
    return streamResponse(['id: 8\nevent: manifest\ndata: {"etag":"\\"v2\\""}\n', '\n: keep-alive\n\n']);
  };
  const events = [];
  let opened = false;
  const result = await openEventStream({
    fetch, url: '/api/v1/kiosk/events', token: 'tok', lastEventId: '7',
    onOpen: () => (opened = true), onEvent: (e) => events.push(e),
  });
  assert.equal(asked.headers.Authorization, 'Bearer tok');
  assert.equal(asked.headers['Last-Event-ID'], '7');
  assert.equal(opened, true);
  assert.deepEqual(events, [{ type: 'manifest', data: '{"etag":"\\"v2\\""}', id: '8' }]);
  assert.equal(result.lastEventId, '8');
});

test('a_busy_or_revoked_stream_is_an_error_with_its_status', async () => {
  const busy = () => openEventStream({ fetch: async () => new Response('{}', { status: 503, headers: { 'Retry-After': '20' } }), url: '/e', token: 't' });
  await assert.rejects(busy, (e) => e instanceof ApiError && e.status === 503 && e.retryAfterMs === 20_000);
  const revoked = () => openEventStream({ fetch: async () => new Response('', { status: 401 }), url: '/e', token: 't' });
  await assert.rejects(revoked, (e) => e.unauthorized);
  const html = () => openEventStream({ fetch: async () => new Response('<html>', { headers: { 'Content-Type': 'text/html' } }), url: '/e', token: 't' });
  await assert.rejects(html, (e) => e.status === 502);
});

test('a_silent_stream_is_given_up', async () => {
  const fetch = async (url, init) => {
    const body = new ReadableStream({
      start(controller) {
        init.signal.addEventListener('abort', () => controller.error(new Error('aborted')));
      },
    });
    return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
  };
  await assert.rejects(openEventStream({ fetch, url: '/e', token: 't', idleMs: 30 }), (e) => e.offline && /silent/.test(e.message));
});

test('fetches_the_manifest_with_its_etag_and_reads_304_as_unchanged', async () => {
  const seen = [];
  const api = createApi({
    getToken: () => 'tok',
    fetch: async (url, init) => {
      seen.push([url, init.headers['If-None-Match'] ?? null, init.headers.Authorization]);
      return init.headers['If-None-Match'] === '"v1"'
        ? new Response(null, { status: 304 })
        : new Response('{"slides":[]}', { headers: { ETag: '"v1"' } });
    },
  });
  const first = await api.manifest(null);
  assert.equal(first.changed, true);
  assert.equal(first.etag, '"v1"');
  assert.deepEqual(first.manifest, { slides: [] });
  assert.equal((await api.manifest('"v1"')).changed, false);
  assert.deepEqual(seen, [
    ['/api/v1/kiosk/manifest', null, 'Bearer tok'],
    ['/api/v1/kiosk/manifest', '"v1"', 'Bearer tok'],
  ]);
});

test('gives_up_on_a_request_after_its_timeout', async () => {
  const api = createApi({
    getToken: () => 'tok',
    timeoutMs: 20,
    fetch: (url, init) => new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted')))),
  });
  await assert.rejects(api.heartbeat({}), (e) => e instanceof ApiError && e.offline && /within/.test(e.message));
});

test('a_401_is_reported_as_unauthorized_and_an_unknown_pairing_as_expired', async () => {
  const api = createApi({
    getToken: () => 'tok',
    fetch: async (url) => new Response('{}', { status: url.includes('pairings') ? 404 : 401 }),
  });
  await assert.rejects(api.sendPlays({ seq: 1, plays: [] }), (e) => e.unauthorized);
  assert.deepEqual(await api.pollPairing({ pairingId: 'p', pollSecret: 's' }), { status: 'expired' });
});

test('reads_retry_after_and_the_pairing_expiry_by_the_servers_clock', () => {
  assert.equal(retryAfterMs('3'), 3000);
  assert.equal(retryAfterMs('Sat, 28 Nov 2026 15:00:10 GMT', Date.parse('2026-11-28T15:00:00Z')), 10_000);
  assert.equal(retryAfterMs(null), null);
  // the kiosk's clock is an hour behind; the code lives 10 minutes by the server's clock
  const received = Date.parse('2026-11-28T14:00:00Z');
  assert.equal(localExpiry('2026-11-28T15:10:00Z', 'Sat, 28 Nov 2026 15:00:00 GMT', received), received + 600_000);
  assert.equal(localExpiry('2026-11-28T15:10:00Z', null, received), received + 600_000, 'without Date: at most 10 minutes');
});

function fakeEventsApi(script) {
  const calls = [];
  return {
    calls,
    events(options) {
      calls.push(options.lastEventId);
      return script(calls.length, options);
    },
  };
}

test('falls_back_to_polling_every_30_seconds_while_the_stream_answers_503', async () => {
  const time = fakeTime(0);
  const api = fakeEventsApi(() => Promise.reject(new ApiError('busy', { status: 503 })));
  const changes = [];
  const states = [];
  const live = createLiveUpdates({ api, timers: time, random: () => 0.5, onChange: (r) => changes.push([r, time.now()]), onState: (s) => states.push(s) });
  live.start();
  await time.advance(95_000);
  assert.equal(POLL_MS, 30_000);
  assert.deepEqual(changes, [['poll', 30_000], ['poll', 60_000], ['poll', 90_000]]);
  assert.equal(live.state, 'polling');
  assert.equal(api.calls.length, 1, 'the busy server is not asked again at once');
  await time.advance(30_000);
  assert.equal(api.calls.length, 2, 'the stream is tried again after two minutes');
  live.stop();
});

test('poll_delays_spread_by_twenty_percent', async () => {
  for (const [random, expected] of [[0, 24_000], [0.999999, 36_000]]) {
    const time = fakeTime(0);
    const api = fakeEventsApi(() => Promise.reject(new ApiError('down', { status: 0 })));
    const polls = [];
    const live = createLiveUpdates({ api, timers: time, random: () => random, onChange: (r) => r === 'poll' && polls.push(time.now()) });
    live.start();
    await time.advance(expected);
    assert.equal(polls[0], expected);
    live.stop();
  }
});

test('reconnects_with_the_last_event_id_and_fetches_what_it_may_have_missed', async () => {
  const time = fakeTime(0);
  const api = fakeEventsApi(async (n, options) => {
    options.onOpen();
    if (n === 1) options.onEvent({ type: 'manifest', data: '{}', id: '41' });
    if (n === 2) return new Promise(() => {}); // stays open
    return { lastEventId: '' };
  });
  const changes = [];
  const live = createLiveUpdates({ api, timers: time, random: () => 0.5, onChange: (r) => changes.push(r) });
  live.start();
  await time.advance(5000);
  assert.deepEqual(api.calls, ['', '41']);
  assert.deepEqual(changes, ['stream-open', 'event', 'stream-open']);
  assert.equal(live.state, 'open');
  live.stop();
});

test('a_stopping_server_s_reconnect_fetches_nothing_and_the_stream_comes_back_after_its_retry', async () => {
  const time = fakeTime(0);
  const api = fakeEventsApi(async (n, options) => {
    options.onOpen();
    if (n === 1) {
      options.onRetry(3000);
      options.onEvent({ type: 'reconnect', data: '{}' });
      return { lastEventId: '' };
    }
    return new Promise(() => {});
  });
  const changes = [];
  const live = createLiveUpdates({ api, timers: time, random: () => 0.5, onChange: (r) => changes.push(r) });
  live.start();
  await time.advance(2900);
  assert.equal(api.calls.length, 1);
  await time.advance(200);
  assert.equal(api.calls.length, 2);
  assert.deepEqual(changes, ['stream-open', 'stream-open']);
  live.stop();
});

test('an_emergency_event_asks_for_the_manifest_at_once', async () => {
  const time = fakeTime(0);
  const api = fakeEventsApi(async (n, options) => {
    options.onOpen();
    options.onEvent({ type: 'emergency', data: '{}', id: '1' });
    return new Promise(() => {});
  });
  const changes = [];
  const live = createLiveUpdates({ api, timers: time, onChange: (r) => changes.push(r) });
  live.start();
  await flush();
  assert.deepEqual(changes, ['stream-open', 'emergency']);
  live.stop();
});

test('a_401_on_the_stream_unpairs', async () => {
  const time = fakeTime(0);
  const api = fakeEventsApi(() => Promise.reject(new ApiError('revoked', { status: 401 })));
  let unpaired = false;
  const live = createLiveUpdates({ api, timers: time, onUnauthorized: () => (unpaired = true) });
  live.start();
  await flush();
  assert.equal(unpaired, true);
  live.stop();
});
