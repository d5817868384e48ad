// The kiosk's service worker (a module worker, registered by js/main.js).
//
// - The app shell is pre-cached on install (and the install waits for it), under a cache
//   name that carries the client's version; activating deletes every older cache.
// - The shell is served from that cache, so a kiosk that restarts with the server or the
//   network gone still starts and plays what it has.
// - Media files are served only from verified bytes (js/media-cache.js): a file is cached
//   whole after its SHA-256 matches the manifest, checked again when served, fetched again
//   when the check fails, and pruned when the manifest no longer names it.
// - API calls (and the event stream) go straight to the network, untouched.
//
// The page talks to it with postMessage: { type: 'sync-media', items, prune } on a
// MessageChannel (answered with { type: 'media-ready', sha256 } as each file is ready and a
// final { type: 'media-synced', ready, failed, pruned }), and { type: 'clear-media' } after
// a 401.

import { CACHE_PREFIX, MEDIA_CACHE, SHELL_CACHE, VERSION } from './js/version.js';
import { createMediaCache, shaFromUrl } from './js/media-cache.js';

// The browser looks for a new worker by comparing this file's bytes, so the version is
// written here too (a test checks it equals VERSION): bumping it makes every kiosk update.
const WORKER_VERSION = '0.2.2';
if (WORKER_VERSION !== VERSION) console.warn(`[kiosk sw] sw.js says ${WORKER_VERSION}, js/version.js says ${VERSION}`);

const SHELL = [
  'index.html',
  'styles.css',
  'js/main.js',
  'js/version.js',
  'js/api.js',
  'js/sse.js',
  'js/scheduler.js',
  'js/store.js',
  'js/clock.js',
  'js/rotation.js',
  'js/texts.js',
  'js/manifest.js',
  'js/colour.js',
  'js/sanitize.js',
  'js/plays.js',
  'js/log.js',
  'js/media.js',
  'js/media-cache.js',
  'js/player.js',
  'js/pairing.js',
  'js/playback.js',
  'js/session.js',
  'js/controller.js',
  'js/departures.js',
  'js/touch.js',
  'js/touch-view.js',
];

const scope = new URL(self.registration.scope);
const shellUrl = (path) => new URL(path, scope).href;

/** Media the current manifest names, by absolute URL (from the last sync message). */
let index = new Map();

const media = createMediaCache({
  caches,
  cacheName: MEDIA_CACHE,
  base: self.location.origin,
  log: (message) => console.warn(`[kiosk sw] ${message}`),
});

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL_CACHE);
    // cache: 'reload' so the new shell is not taken from an older HTTP cache entry
    await cache.addAll(SHELL.map((path) => new Request(shellUrl(path), { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const keep = new Set([SHELL_CACHE, MEDIA_CACHE]);
    for (const name of await caches.keys()) {
      if (name.startsWith(CACHE_PREFIX) && !keep.has(name)) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

function mediaItemFor(url) {
  const known = index.get(url.origin + url.pathname);
  if (known) return known;
  const sha256 = shaFromUrl(url.href);
  return sha256 ? { url: url.origin + url.pathname, sha256, bytes: null, type: '' } : null;
}

/** A cached response that was redirected cannot answer a navigation; copy it into a plain one. */
async function plain(response) {
  if (!response || !response.redirected) return response;
  return new Response(await response.blob(), { status: response.status, headers: response.headers });
}

async function shell(request) {
  const cache = await caches.open(SHELL_CACHE);
  const key = request.mode === 'navigate' ? shellUrl('index.html') : request;
  const cached = await cache.match(key, { ignoreSearch: true });
  if (cached) return plain(cached);
  return fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const item = mediaItemFor(url);
  if (item) {
    event.respondWith(media.serve(request, item));
    return;
  }
  const inScope = url.href.startsWith(scope.href);
  const isShellFile = inScope && (request.mode === 'navigate' || SHELL.some((p) => url.pathname === new URL(p, scope).pathname));
  if (isShellFile) event.respondWith(shell(request));
  // everything else (the API, the event stream) goes to the network as if there were no worker
});

self.addEventListener('message', (event) => {
  const message = event.data ?? {};
  const port = event.ports?.[0];
  const reply = (m) => {
    try {
      port?.postMessage(m);
    } catch {
      // the page has gone
    }
  };
  if (message.type === 'sync-media' && Array.isArray(message.items)) {
    const items = message.items
      .filter((i) => i && typeof i.url === 'string' && /^[0-9a-f]{64}$/.test(i.sha256))
      .map((i) => ({ url: new URL(i.url, self.location.origin).href, sha256: i.sha256, bytes: i.bytes ?? null, type: i.type ?? '' }));
    index = new Map(items.map((i) => [i.url, i]));
    event.waitUntil((async () => {
      const result = await media.sync(items, { onReady: (sha256) => reply({ type: 'media-ready', sha256 }) });
      const pruned = message.prune ? await media.prune(items) : 0;
      reply({ type: 'media-synced', ...result, pruned, version: VERSION });
    })());
  } else if (message.type === 'clear-media') {
    index = new Map();
    event.waitUntil(media.clear().then(() => reply({ type: 'media-cleared' })));
  }
});
