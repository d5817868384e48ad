// Wires the kiosk together; no logic of its own beyond choosing the browser's parts.

import { VERSION } from './version.js';
import { createApi } from './api.js';
import { createStore, memoryStorage } from './store.js';
import { createClock } from './clock.js';
import { createLog } from './log.js';
import { createPlayer } from './player.js';
import { createMedia } from './media.js';
import { createController } from './controller.js';
import { createTimer } from './scheduler.js';
import { idleMsOf } from './touch.js';
import { createTouchView } from './touch-view.js';

const SW_UPDATE_CHECK_MS = 6 * 60 * 60_000;

const log = createLog();

function localStorageOrMemory() {
  try {
    const s = window.localStorage;
    s.getItem('signage.kiosk.probe');
    return s;
  } catch {
    log.problem('localStorage is not available: pairing and the last manifest will not survive a reload');
    return memoryStorage();
  }
}

const store = createStore(localStorageOrMemory(), { onError: (m) => log.problem(m) });
const clock = createClock();
// the client lives at <base>/kiosk/, the API at <base>/api/v1/kiosk
const api = createApi({ base: new URL('../api/v1/kiosk', document.baseURI).pathname, getToken: () => store.token() });

let controller = null;
const player = createPlayer({ onSlideFailed: (key, sha256, why) => controller?.slideFailed(key, sha256, why) });
const media = createMedia({ log, onChange: () => controller?.mediaChanged() });
controller = createController({
  api, store, player, media, clock, log,
  version: VERSION,
  address: location.host,
  viewport: () => ({ width: window.innerWidth, height: window.innerHeight }),
  benchmarkSlideMs: benchmarkSlideMs(),
});

window.addEventListener('error', (e) => log.problem(`script error: ${e.message} (${e.filename}:${e.lineno})`));
window.addEventListener('unhandledrejection', (e) => log.problem(`unhandled: ${e.reason?.message ?? e.reason}`));

registerServiceWorker();
controller.start();
const touch = startTouch();

/**
 * The touch kiosk (issue 16, part 3): on a screen the server marks as a touch screen
 * (manifest `screen.touch`, kiosk-client/README.md "Touch kiosk") a touch opens "Hvad sker
 * der? / What's on". The view is always there and opens only on such a screen, so a screen
 * switched to touch (or away from it) changes with its manifest. It reads the manifest the
 * rotation keeps, so it works offline too.
 */
function startTouch() {
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(location.hostname);
  return createTouchView({
    manifest: () => store.manifest()?.manifest ?? null,
    now: () => clock.now(),
    idleMs: idleMsOf(location.search, { loopback }),
  });
}

/**
 * For the kiosk memory benchmark only (bench/kiosk-memory.sh): every slide plays for N ms
 * instead of its own 3 s or more, so ten thousand transitions take minutes, not hours.
 * Taken only from a player opened on this machine's own loopback address with
 * ?bench-slide-ms=N, which no screen pointed at the campus server can be.
 */
function benchmarkSlideMs() {
  const ms = Number(new URLSearchParams(location.search).get('bench-slide-ms'));
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(location.hostname);
  if (!loopback || !Number.isFinite(ms) || ms <= 0) return undefined;
  const slideMs = Math.max(10, Math.round(ms));
  log.change('benchmark', slideMs, `benchmark: every slide plays for ${slideMs} ms`);
  return slideMs;
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// A read-only window onto the kiosk's state, for tests and for a technician's console.
Object.defineProperty(window, 'kiosk', {
  value: Object.freeze({
    version: VERSION,
    /** 'starting' | 'pairing' | 'playing' */
    get state() {
      return controller.snapshot().state;
    },
    /** A frozen copy of everything worth knowing: pairing, screen, current slide, online, stream, clock, media, plays, log. */
    snapshot() {
      return deepFreeze(structuredClone(controller.snapshot()));
    },
    /** The touch view: { open, language, day, institution, detail, idleMs }, or null when this is no touch kiosk. */
    get touch() {
      return document.getElementById('kiosk').dataset.touch === 'true' ? deepFreeze(structuredClone(touch.snapshot())) : null;
    },
  }),
  writable: false,
  configurable: false,
});

function registerServiceWorker() {
  const sw = navigator.serviceWorker;
  if (!sw) {
    log.change('service-worker', 'none', window.isSecureContext
      ? 'this browser has no service worker: no offline start'
      : 'not a secure context (use https, localhost, or the flag in kiosk.sh): no service worker, no offline start');
    return;
  }
  let hadController = Boolean(sw.controller);
  sw.addEventListener('controllerchange', () => {
    // a new version of the client took over: start it (at most once a minute, never in a loop)
    if (!hadController) {
      hadController = true;
      return;
    }
    const last = Number(sessionStorage.getItem('signage.kiosk.reloadedAt') ?? 0);
    if (Date.now() - last > 60_000) {
      sessionStorage.setItem('signage.kiosk.reloadedAt', String(Date.now()));
      log.change('client', 'update', 'a new client version is installed: reloading');
      location.reload();
    }
  });
  sw.register('sw.js', { type: 'module', scope: './', updateViaCache: 'none' })
    .then((registration) => {
      log.change('service-worker', 'registered', `service worker registered (client ${VERSION})`);
      const updates = createTimer();
      const check = () => {
        registration.update().catch(() => {});
        updates.after(SW_UPDATE_CHECK_MS, check);
      };
      updates.after(SW_UPDATE_CHECK_MS, check);
    })
    .catch((e) => log.problem(`service worker not registered: ${e?.message ?? e}`));
}
