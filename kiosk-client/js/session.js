// The paired kiosk: plays the last good manifest at once (offline first), then keeps it
// current (event stream, polling while the stream is down, a check at the manifest's
// next change), keeps the media cached, sends heartbeats every 60 s and plays in batches,
// and ticks the clock. A 401 from any call ends the session: the device was revoked.

import { ApiError, createLiveUpdates } from './api.js';
import { mediaItems, normalizeManifest } from './manifest.js';
import { createTimer, jitter } from './scheduler.js';
import { msToNextMinute } from './clock.js';
import { boardAt, nextChangeAt, pollMs, withDeparturesSlide } from './departures.js';

export const HEARTBEAT_MS = 60_000;
export const PLAYS_CHECK_MS = 30_000;

export function createSession({
  api, store, player, playback, media, plays, clock, log, version,
  timers = {}, random = Math.random, onRevoked, viewport = () => ({ width: 1920, height: 1080 }),
  storageEstimate = () => globalThis.navigator?.storage?.estimate?.() ?? Promise.resolve(null),
  heapBytes = () => globalThis.performance?.memory?.usedJSHeapSize ?? null,
  startedAt = Date.now(),
}) {
  const localTimers = { ...timers, now: () => clock.local() };
  const serverTimers = { ...timers, now: () => clock.now() };
  const heartbeatTimer = createTimer(localTimers);
  const playsTimer = createTimer(localTimers);
  const clockTimer = createTimer(serverTimers);
  const changeTimer = createTimer(serverTimers);
  // the station's next trains: asked at the interval the server states, redrawn when a train leaves
  const departuresTimer = createTimer(localTimers);
  const boardTimer = createTimer(serverTimers);
  let board = store.departures?.()?.board ?? null;
  let boardEtag = store.departures?.()?.etag ?? null;
  let boardShown = false;
  let departuresAsking = false;
  let manifest = null;
  let etag = null;
  let running = false;
  let fetching = null;
  let fetchAgain = false;
  let sendingPlays = false;
  let online = null;
  let streamState = 'stopped';
  let lastFetchAt = null;

  const live = createLiveUpdates({
    api,
    timers,
    random,
    onChange: (reason, event) => onHint(reason, event),
    onState: (s) => {
      streamState = s;
      if (s === 'open') setOnline(true);
      log.change('stream', s, s === 'open' ? 'event stream open' : s === 'polling' ? 'event stream down: polling every 30 s' : 'connecting the event stream');
    },
    onUnauthorized: () => revoked('event stream'),
    onError: (e) => {
      if (e instanceof ApiError && e.offline) setOnline(false, `event stream: ${e.message}`);
    },
  });

  function setOnline(value, why) {
    if (online === value) return;
    online = value;
    player.setOnline(value);
    log.change('online', value, value ? 'online' : `offline (${why}): playing the last manifest`);
  }

  function failed(e, what) {
    if (!running) return true;
    if (e instanceof ApiError && e.unauthorized) {
      revoked(what);
      return true;
    }
    if (e instanceof ApiError && (e.offline || e.status >= 500)) setOnline(false, `${what}: ${e.message}`);
    else log.problem(`${what}: ${e?.message ?? e}`, what);
    return false;
  }

  function revoked(what) {
    if (!running) return;
    log.problem(`${what}: 401, the device is no longer paired`);
    stop();
    onRevoked();
  }

  function onHint(reason, event) {
    if (reason === 'event' && event?.type === 'manifest') {
      try {
        const data = JSON.parse(event.data);
        if (data?.etag && etag && data.etag === etag) return; // already have it
      } catch {
        // no usable data: fetch anyway
      }
    }
    fetchManifest(reason);
  }

  /** Fetches the manifest (one request at a time; a hint while one runs fetches once more after it). */
  function fetchManifest(reason = 'check') {
    if (!running) return Promise.resolve();
    if (fetching) {
      fetchAgain = true;
      return fetching;
    }
    fetching = (async () => {
      try {
        do {
          fetchAgain = false;
          await fetchOnce(reason);
        } while (fetchAgain && running);
      } finally {
        fetching = null;
      }
    })();
    return fetching;
  }

  async function fetchOnce(reason) {
    let r;
    try {
      r = await api.manifest(etag);
    } catch (e) {
      failed(e, 'manifest');
      return;
    }
    if (!running) return;
    setOnline(true);
    log.solved('manifest');
    lastFetchAt = clock.local();
    const before = clock.appliedOffsetMs();
    const serverTime = r.serverTime || (r.manifest && typeof r.manifest === 'object' ? r.manifest.serverTime : null);
    if (clock.observe(serverTime, r.sentAt, r.receivedAt)) {
      log.change('clock', clock.appliedOffsetMs(), clock.appliedOffsetMs() === 0
        ? `own clock within 3 s of the server (${clock.offsetMs()} ms)`
        : `own clock off by ${clock.offsetMs()} ms: playing by the server's time`);
      // what is on screen keeps its remaining time; the clock on screen jumps now
      playback.shiftTime(clock.appliedOffsetMs() - before);
      tickClock();
    }
    if (!r.changed) return;
    const next = normalizeManifest(r.manifest);
    if (!next) {
      log.problem(`manifest (${reason}): not a manifest; keeping the last good one`);
      return;
    }
    store.setManifest(r.manifest, r.etag);
    apply(next, r.etag, reason);
  }

  function apply(next, nextEtag, reason) {
    manifest = next;
    etag = nextEtag;
    log.change('manifest', nextEtag ?? JSON.stringify(next.slides.map((s) => s.id)),
      reason === 'none'
        ? 'no manifest yet: standby until the server answers'
        : `manifest ${reason === 'stored' ? 'from storage' : 'changed'}: ${next.slides.length} slide(s)${next.emergency ? ', EMERGENCY' : ''}, etag ${nextEtag ?? 'none'}`);
    log.change('emergency', next.emergency, next.emergency ? 'emergency manifest: showing it at once' : 'no emergency');
    player.setScreen(next.screen);
    player.setEmergency(next.emergency);
    player.setManifestEtag(nextEtag);
    playback.setManifest(withDeparturesSlide(next, boardShown), { campus: next.campusName, screen: next.screen.name });
    showBoard();
    if (next.screen.departures !== 'off' && running && !departuresAsking) pollDepartures();
    // while an emergency runs, the usual files stay cached for when it is over
    media.sync(mediaItems(next), { prune: !next.emergency });
    scheduleChange();
  }

  function departuresMode() {
    return manifest?.screen?.departures ?? 'off';
  }

  /** Draws the board as it is now; the slide joins or leaves the loop when there comes to be (or no longer is) something to show. */
  function showBoard() {
    const mode = departuresMode();
    const now = clock.now();
    const view = mode === 'off' ? { show: false, live: false, rows: [], stopName: '' } : boardAt(board, now);
    player.setDepartures(view, mode);
    if (view.show !== boardShown) {
      boardShown = view.show;
      log.change('departures', boardShown, boardShown ? 'departures: on show' : 'departures: nothing to show, the screen goes on without them');
      if (manifest) playback.setManifest(withDeparturesSlide(manifest, boardShown), { campus: manifest.campusName, screen: manifest.screen.name });
    }
    const next = mode === 'off' ? Infinity : nextChangeAt(board, now);
    if (next < Infinity) boardTimer.at(Math.min(next, now + 60_000), showBoard);
    else boardTimer.cancel();
  }

  async function pollDepartures() {
    if (!running || departuresMode() === 'off') {
      departuresTimer.cancel();
      return;
    }
    departuresAsking = true;
    try {
      const r = await api.departures(boardEtag);
      if (r.changed) {
        board = r.board;
        boardEtag = r.etag;
        store.setDepartures?.(board, boardEtag);
      }
      log.solved('departures');
    } catch (e) {
      // the kept board goes on showing (by the kiosk's clock, turning planned when stale)
      if (failed(e, 'departures')) return;
    } finally {
      departuresAsking = false;
    }
    if (!running) return;
    showBoard();
    departuresTimer.after(pollMs(board), pollDepartures);
  }

  function scheduleChange() {
    const at = manifest?.nextChangeAt ? Date.parse(manifest.nextChangeAt) : NaN;
    if (Number.isNaN(at) || at < clock.now() - 60_000) {
      changeTimer.cancel();
      return;
    }
    // the server pushes the change; this is for when the push does not arrive. A little
    // spread so a fleet of kiosks does not ask all in the same second.
    changeTimer.at(at + 1000 + Math.round(random() * 4000), () => fetchManifest('next change'));
  }

  function tickClock() {
    const now = clock.now();
    player.setClock(now);
    clockTimer.at(now + msToNextMinute(now) + 50, tickClock);
  }

  async function heartbeat() {
    if (!running) return;
    const errors = log.recent();
    let cacheBytes = null;
    try {
      cacheBytes = (await storageEstimate())?.usage ?? null;
    } catch {
      // unknown
    }
    try {
      await api.heartbeat({
        clientVersion: version,
        uptimeSeconds: Math.round((clock.local() - startedAt) / 1000),
        currentSlideId: playback.currentSlideId(),
        manifestEtag: etag,
        jsHeapBytes: heapBytes(),
        cacheBytes,
        clockOffsetMs: clock.offsetMs() ?? 0,
        recentErrors: errors,
      });
      log.acknowledgeRecent(errors.length);
      log.solved('heartbeat');
      setOnline(true);
    } catch (e) {
      if (failed(e, 'heartbeat')) return;
    }
    if (running) heartbeatTimer.after(HEARTBEAT_MS, heartbeat);
  }

  async function flushPlays() {
    if (!running || sendingPlays) return;
    sendingPlays = true;
    try {
      while (running && plays.due()) {
        const batch = plays.nextBatch();
        if (!batch) break;
        try {
          await api.sendPlays(batch);
          plays.acknowledge(batch.seq);
          setOnline(true);
        } catch (e) {
          if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 408 && e.status !== 429) {
            log.problem(`plays batch ${batch.seq} refused (HTTP ${e.status}); dropped`);
            plays.discard(batch.seq);
            continue;
          }
          plays.failed(batch.seq);
          if (failed(e, 'plays')) return;
          break;
        }
      }
    } finally {
      sendingPlays = false;
    }
  }

  function playsLoop() {
    flushPlays().finally(() => {
      if (running) playsTimer.after(PLAYS_CHECK_MS, playsLoop);
    });
  }

  const onBrowserOnline = () => {
    if (!running) return;
    live.retryNow();
    fetchManifest('network back');
  };

  function stop() {
    running = false;
    live.stop();
    heartbeatTimer.cancel();
    playsTimer.cancel();
    clockTimer.cancel();
    changeTimer.cancel();
    departuresTimer.cancel();
    boardTimer.cancel();
    playback.stop();
    media.stop();
    globalThis.removeEventListener?.('online', onBrowserOnline);
  }

  return {
    async start() {
      running = true;
      log.change('paired', true, 'paired: playing');
      player.showView('playing');
      tickClock();
      const saved = store.manifest();
      const fromStore = saved ? normalizeManifest(saved.manifest) : null;
      if (fromStore) {
        apply(fromStore, saved.etag, 'stored');
      } else {
        const { width, height } = viewport();
        const screen = store.screen();
        apply(normalizeManifest({ screen: { ...(screen ?? {}), width, height, layout: 'full' }, slides: [] }), null, 'none');
      }
      globalThis.addEventListener?.('online', onBrowserOnline);
      await media.init();
      if (!running) return;
      if (manifest) media.sync(mediaItems(manifest), { prune: !manifest.emergency });
      live.start();
      await fetchManifest('start');
      heartbeatTimer.after(jitter(5000, 0.5, random), heartbeat);
      playsTimer.after(PLAYS_CHECK_MS, playsLoop);
    },
    stop,
    /** The player made a play batch full: send it now. */
    playsDue() {
      flushPlays();
    },
    snapshot() {
      return {
        online,
        stream: streamState,
        manifestEtag: etag,
        emergency: manifest?.emergency ?? false,
        screen: manifest ? { ...manifest.screen } : null,
        nextChangeAt: manifest?.nextChangeAt ?? null,
        slides: manifest ? manifest.slides.map((s) => ({ id: s.id, kind: s.kind, title: s.title, language: s.language, until: s.until })) : [],
        lastManifestCheck: lastFetchAt === null ? null : new Date(lastFetchAt).toISOString(),
      };
    },
  };
}
