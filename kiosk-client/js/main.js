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
import { touchSettings } from './touch.js';
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
 * A touch kiosk (issue 16, part 3): `?touch=1` in the kiosk's address switches it on and is
 * remembered in the store, `?touch=0` off (kiosk-client/README.md, "Touch kiosk"). The view
 * reads the manifest the rotation keeps, so it works offline too.
 */
function startTouch() {
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(location.hostname);
  const settings = touchSettings(location.search, store.touch(), { loopback });
  if (settings.changed) store.setTouch(settings.enabled);
  document.getElementById('kiosk').dataset.touch = String(settings.enabled);
  if (!settings.enabled) return null;
  log.change('touch', 'on', `touch kiosk: "Hvad sker der?" opens on a touch, closes after ${settings.idleMs / 1000} s untouched`);
  return createTouchView({
    manifest: () => store.manifest()?.manifest ?? null,
    now: () => clock.now(),
    idleMs: settings.idleMs,
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
      return touch ? deepFreeze(structuredClone(touch.snapshot())) : null;
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
