// Everything the kiosk says to the server, with a timeout on every request (an
// AbortController), the manifest's ETag, and the event stream: read with fetch, since
// EventSource cannot send an Authorization header, reconnected with Last-Event-ID, and
// replaced by polling every 30 s (± 20 %) while it is down or the server answers 503.
// `fetch`, timers and randomness are injected so the whole module runs in tests.

import { createSseParser } from './sse.js';
import { backoff, createTimer, jitter } from './scheduler.js';

export const REQUEST_TIMEOUT_MS = 10_000;
export const POLL_MS = 30_000;
/** With the stream open, a manifest check now and then anyway: a stream can die without a sound. */
export const SAFETY_POLL_MS = 10 * 60_000;
/** The server sends a keep-alive comment every 25 s; this long without a byte means the stream is dead. */
export const STREAM_IDLE_MS = 65_000;
/** After a 503 (the server is at its connection limit) the stream is tried again this much later. */
export const BUSY_RETRY_MS = 120_000;

export class ApiError extends Error {
  /**
   * status 0: no answer (network down, timeout); otherwise the HTTP status.
   * retryAfterMs: from a Retry-After header, when there was one.
   */
  constructor(message, { status = 0, retryAfterMs = null } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }

  get unauthorized() {
    return this.status === 401;
  }

  get offline() {
    return this.status === 0;
  }
}

/** Retry-After in ms: seconds or an HTTP date. */
export function retryAfterMs(header, now = Date.now()) {
  if (header == null || header === '') return null;
  if (/^\s*\d+\s*$/.test(header)) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Pairing codes live at most this long (the server says ≤ 10 minutes). */
export const MAX_PAIRING_MS = 10 * 60_000;

/**
 * When a pairing code expires, on the kiosk's own clock (which may be wrong): the code's
 * lifetime by the server's clock (expiresAt minus the answer's Date), counted from when
 * the answer arrived. Without a usable Date header, the lifetime by the kiosk's clock,
 * kept within 0..10 minutes.
 */
export function localExpiry(expiresAt, dateHeader, receivedAt) {
  const expires = Date.parse(expiresAt);
  if (Number.isNaN(expires)) return receivedAt + MAX_PAIRING_MS;
  const serverNow = dateHeader ? Date.parse(dateHeader) : NaN;
  const lifetime = Number.isNaN(serverNow) ? expires - receivedAt : expires - serverNow;
  return receivedAt + Math.min(MAX_PAIRING_MS, Math.max(0, lifetime));
}

export function createApi({
  base = '/api/v1/kiosk',
  fetch: doFetch = (...args) => globalThis.fetch(...args),
  getToken = () => null,
  now = () => Date.now(),
  timeoutMs = REQUEST_TIMEOUT_MS,
} = {}) {
  /**
   * One request, body read to the end within the timeout.
   * Resolves { status, headers, text, sentAt, receivedAt } for 2xx and 304; throws ApiError otherwise.
   */
  async function request(method, path, { body, headers = {}, auth = true, timeout = timeoutMs } = {}) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeout);
    const h = { Accept: 'application/json', ...headers };
    if (auth) {
      const token = getToken();
      if (!token) {
        clearTimeout(timer);
        throw new ApiError('not paired', { status: 401 });
      }
      h.Authorization = `Bearer ${token}`;
    }
    if (body !== undefined) h['Content-Type'] = 'application/json';
    const sentAt = now();
    try {
      const response = await doFetch(base + path, {
        method,
        headers: h,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        cache: 'no-store',
        credentials: 'omit',
      });
      const text = response.status === 204 || response.status === 304 ? '' : await response.text();
      const receivedAt = now();
      if (response.ok || response.status === 304) {
        return { status: response.status, headers: response.headers, text, sentAt, receivedAt };
      }
      throw new ApiError(`${method} ${path}: HTTP ${response.status}`, {
        status: response.status,
        retryAfterMs: retryAfterMs(response.headers.get('Retry-After'), now()),
      });
    } catch (e) {
      if (e instanceof ApiError) throw e;
      const why = controller.signal.aborted ? `no answer within ${timeout / 1000} s` : (e?.message ?? String(e));
      throw new ApiError(`${method} ${path}: ${why}`, { status: 0 });
    } finally {
      clearTimeout(timer);
    }
  }

  function json(text, what) {
    try {
      return JSON.parse(text);
    } catch {
      throw new ApiError(`${what}: the answer is not JSON`, { status: 502 });
    }
  }

  return {
    /** POST /pairings → { pairingId, code, pollSecret, expiresAt, pollIntervalSeconds, serverName } */
    async createPairing() {
      const r = await request('POST', '/pairings', { auth: false, body: {} });
      const p = json(r.text, 'pairing');
      if (typeof p?.pairingId !== 'string' || typeof p?.code !== 'string' || typeof p?.pollSecret !== 'string') {
        throw new ApiError('pairing: the answer lacks pairingId, code or pollSecret', { status: 502 });
      }
      return { ...p, localExpiresAt: localExpiry(p.expiresAt, r.headers.get('Date'), r.receivedAt) };
    },

    /**
     * GET /pairings/{id} with the poll secret → { status: 'waiting'|'claimed'|'expired', deviceToken?, screen? }.
     * An unknown pairing (404) reads as expired, so the kiosk asks for a new code.
     */
    async pollPairing({ pairingId, pollSecret }) {
      try {
        const r = await request('GET', `/pairings/${encodeURIComponent(pairingId)}`, {
          auth: false,
          headers: { 'X-Pairing-Secret': pollSecret },
        });
        return json(r.text, 'pairing status');
      } catch (e) {
        if (e instanceof ApiError && (e.status === 404 || e.status === 410)) return { status: 'expired' };
        throw e;
      }
    },

    /**
     * GET /manifest with If-None-Match.
     * → { changed: false, serverTime, … } on 304, or { changed: true, manifest, etag, serverTime, sentAt, receivedAt }.
     * The server's clock comes in the X-Server-Time header (on 304s too): in the body it would
     * make every answer different bytes under one ETag.
     */
    async manifest(etag) {
      const r = await request('GET', '/manifest', { headers: etag ? { 'If-None-Match': etag } : {} });
      const serverTime = r.headers.get('X-Server-Time');
      if (r.status === 304) return { changed: false, serverTime, sentAt: r.sentAt, receivedAt: r.receivedAt };
      return {
        changed: true,
        manifest: json(r.text, 'manifest'),
        etag: r.headers.get('ETag'),
        serverTime,
        sentAt: r.sentAt,
        receivedAt: r.receivedAt,
      };
    },

    /**
     * GET /departures with If-None-Match → { changed: false } on 304, or { changed: true, board, etag }.
     * The station's next trains (departures.js), asked every board.pollSeconds.
     */
    async departures(etag) {
      const r = await request('GET', '/departures', { headers: etag ? { 'If-None-Match': etag } : {} });
      if (r.status === 304) return { changed: false };
      return { changed: true, board: json(r.text, 'departures'), etag: r.headers.get('ETag') };
    },

    async heartbeat(body) {
      await request('POST', '/heartbeat', { body });
    },

    /** POST /plays { seq, plays } → 204; the server counts a (device, seq) once. */
    async sendPlays(batch) {
      await request('POST', '/plays', { body: batch });
    },

    /** Opens the event stream; see openEventStream. */
    events(options) {
      const token = getToken();
      return openEventStream({ fetch: doFetch, url: `${base}/events`, token, ...options });
    },
  };
}

/**
 * Reads the event stream until it ends. Resolves when the server closes it, rejects with
 * ApiError on a non-200 answer (401, 503, ...), on silence longer than `idleMs`, or when
 * aborted. `onOpen` is called once the server has answered 200 with an event stream.
 */
export async function openEventStream({
  fetch: doFetch,
  url,
  token,
  lastEventId = '',
  onOpen = () => {},
  onEvent = () => {},
  onRetry = () => {},
  onActivity = () => {},
  signal,
  idleMs = STREAM_IDLE_MS,
  connectTimeoutMs = REQUEST_TIMEOUT_MS,
}) {
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (signal) {
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
  }
  let idle = setTimeout(abort, connectTimeoutMs);
  let silent = false;
  const alive = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      silent = true;
      abort();
    }, idleMs);
  };
  const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${token}` };
  if (lastEventId) headers['Last-Event-ID'] = lastEventId;
  try {
    let response;
    try {
      response = await doFetch(url, { headers, signal: controller.signal, cache: 'no-store', credentials: 'omit' });
    } catch (e) {
      throw new ApiError(`event stream: ${controller.signal.aborted ? 'no answer' : (e?.message ?? e)}`, { status: 0 });
    }
    if (response.status !== 200) {
      throw new ApiError(`event stream: HTTP ${response.status}`, {
        status: response.status,
        retryAfterMs: retryAfterMs(response.headers.get('Retry-After')),
      });
    }
    const type = response.headers.get('Content-Type') ?? '';
    if (!type.startsWith('text/event-stream') || !response.body) {
      throw new ApiError(`event stream: answered ${type || 'without a type'}`, { status: 502 });
    }
    alive();
    onOpen();
    const parser = createSseParser({ onEvent, onRetry, onComment: () => {} });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        alive();
        onActivity();
        parser.push(decoder.decode(value, { stream: true }));
      }
    } catch (e) {
      throw new ApiError(`event stream: ${silent ? `silent for ${idleMs / 1000} s` : (e?.message ?? e)}`, { status: 0 });
    } finally {
      parser.end();
      reader.cancel().catch(() => {});
    }
    return { lastEventId: parser.lastEventId() };
  } finally {
    clearTimeout(idle);
    if (signal) signal.removeEventListener('abort', abort);
  }
}

/**
 * Keeps the kiosk told about changes: the event stream while it works, polling while it
 * does not. Calls `onChange(reason)` whenever the manifest should be fetched (an event,
 * a (re)connected stream that may have missed one, a poll), `onState(state)` with
 * 'connecting' | 'open' | 'polling' when that changes, `onError(error)` when the stream
 * fails, and `onUnauthorized()` on a 401.
 */
export function createLiveUpdates({
  api,
  onChange = () => {},
  onState = () => {},
  onUnauthorized = () => {},
  onError = () => {},
  timers = {},
  random = Math.random,
} = {}) {
  const reconnectTimer = createTimer(timers);
  const pollTimer = createTimer(timers);
  let controller = null;
  let state = 'stopped';
  let attempt = 0;
  let serverRetryMs = 0;
  let lastEventId = '';
  let running = false;

  function setState(s) {
    if (s === state) return;
    state = s;
    onState(s);
    schedulePoll();
  }

  function schedulePoll() {
    if (!running) return;
    const every = state === 'open' ? SAFETY_POLL_MS : POLL_MS;
    pollTimer.after(jitter(every, 0.2, random), () => {
      onChange('poll');
      schedulePoll();
    });
  }

  async function connect() {
    if (!running) return;
    controller = new AbortController();
    const mine = controller;
    if (state !== 'polling') setState('connecting');
    let wait;
    try {
      const result = await api.events({
        lastEventId,
        signal: mine.signal,
        onOpen: () => {
          attempt = 0;
          setState('open');
          onChange('stream-open'); // whatever happened while it was down
        },
        onEvent: (event) => {
          // A stopping server says "reconnect" (with a retry time) before it ends the
          // stream: nothing changed, so there is nothing to fetch from it.
          if (event.type === 'reconnect') return;
          if (event.id) lastEventId = event.id;
          onChange(event.type === 'emergency' ? 'emergency' : 'event', event);
        },
        onRetry: (ms) => {
          serverRetryMs = Math.min(ms, 10 * 60_000);
        },
      });
      if (result?.lastEventId) lastEventId = result.lastEventId;
      wait = Math.max(serverRetryMs, backoff(attempt++, { base: 1000, max: 60_000, random }));
    } catch (e) {
      if (!running || mine !== controller) return;
      if (e instanceof ApiError && e.unauthorized) {
        onUnauthorized();
        return;
      }
      onError(e);
      const busy = e instanceof ApiError && e.status === 503;
      wait = busy
        ? Math.max(e.retryAfterMs ?? 0, jitter(BUSY_RETRY_MS, 0.2, random))
        : Math.max(serverRetryMs, backoff(attempt++, { base: 2000, max: 60_000, random }));
    }
    if (!running || mine !== controller) return;
    setState('polling');
    reconnectTimer.after(wait, connect);
  }

  return {
    start() {
      if (running) return;
      running = true;
      connect();
    },
    stop() {
      running = false;
      reconnectTimer.cancel();
      pollTimer.cancel();
      controller?.abort();
      controller = null;
      state = 'stopped';
    },
    /** The network came back (an `online` event): try the stream now rather than after the back-off. */
    retryNow() {
      if (!running || state === 'open') return;
      controller?.abort();
      controller = null;
      reconnectTimer.after(0, connect);
    },
    get state() {
      return state;
    },
  };
}
