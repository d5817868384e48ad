// The page's side of the media cache: asks the service worker to fetch, verify and prune
// the files a manifest needs, and knows which are ready. A slide whose file is not ready
// is skipped by the rotation until it is.
//
// Without a service worker (an insecure origin: see README, or a browser without one) the
// files cannot be verified or kept offline; the player then loads them straight from the
// server and says so once in the log.

import { createTimer } from './scheduler.js';

const SYNC_TIMEOUT_MS = 10 * 60_000;
const RETRY_MS = [60_000, 120_000, 300_000, 600_000];

export function createMedia({ serviceWorker = globalThis.navigator?.serviceWorker, log, onChange = () => {}, timers = {} } = {}) {
  const retryTimer = createTimer(timers);
  let mode = 'pending'; // 'service-worker' | 'direct'
  let ready = new Set();
  let wanted = [];
  let failures = 0;
  let syncing = 0; // generation of the latest sync

  function setReady(next) {
    const changed = next.size !== ready.size || [...next].some((s) => !ready.has(s));
    ready = next;
    if (changed) onChange();
  }

  function controller() {
    return serviceWorker?.controller ?? null;
  }

  /** Decides how media is loaded: waits a little for the service worker to take the page over. */
  async function init({ waitMs = 8000 } = {}) {
    if (!serviceWorker) {
      mode = 'direct';
    } else if (controller()) {
      mode = 'service-worker';
    } else {
      await new Promise((resolve) => {
        const done = () => {
          clearTimeout(t);
          serviceWorker.removeEventListener('controllerchange', done);
          resolve();
        };
        const t = setTimeout(done, waitMs);
        serviceWorker.addEventListener('controllerchange', done);
      });
      mode = controller() ? 'service-worker' : 'direct';
    }
    log.change('media', mode, mode === 'direct'
      ? 'no service worker: media is loaded straight from the server, unverified and not kept offline'
      : 'media verified by SHA-256 and kept offline by the service worker');
    return mode;
  }

  /** Makes the files of `items` ready; prune: delete files not in `items`. */
  function sync(items, { prune = true } = {}) {
    wanted = items;
    retryTimer.cancel();
    const mine = ++syncing;
    if (mode === 'pending') {
      // init() has not decided yet; it is synced again when it has
      return Promise.resolve({ ready: [], failed: [] });
    }
    if (mode !== 'service-worker' || !controller()) {
      setReady(new Set(items.map((i) => i.sha256)));
      return Promise.resolve({ ready: items.map((i) => i.sha256), failed: [] });
    }
    const keepNow = new Set(items.map((i) => i.sha256).filter((s) => ready.has(s)));
    setReady(keepNow);
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      const arrived = new Set(keepNow);
      const finish = (result) => {
        clearTimeout(timeout);
        channel.port1.close();
        if (mine !== syncing) return resolve(result);
        if (result.failed.length > 0) {
          const wait = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)];
          failures++;
          log.problem(`${result.failed.length} media file(s) not available yet; their slides wait and are tried again`, 'media');
          retryTimer.after(wait, () => sync(wanted, { prune: false }));
        } else {
          failures = 0;
          log.solved('media');
        }
        resolve(result);
      };
      const timeout = setTimeout(() => {
        const got = [...arrived];
        finish({ ready: got, failed: items.map((i) => i.sha256).filter((s) => !arrived.has(s)) });
      }, SYNC_TIMEOUT_MS);
      channel.port1.onmessage = (event) => {
        const m = event.data ?? {};
        if (mine !== syncing) return;
        if (m.type === 'media-ready') {
          arrived.add(m.sha256);
          setReady(new Set(arrived));
        } else if (m.type === 'media-synced') {
          setReady(new Set(m.ready));
          finish({ ready: m.ready, failed: m.failed });
        }
      };
      controller().postMessage({ type: 'sync-media', items, prune }, [channel.port2]);
    });
  }

  return {
    init,
    sync,
    get mode() {
      return mode;
    },
    /** Whether the file with this SHA-256 may be shown. */
    isReady(sha256) {
      return mode === 'direct' || ready.has(sha256);
    },
    /** The file failed to load on screen (the worker could not get verified bytes): not ready until a later sync. */
    broken(sha256) {
      if (mode !== 'service-worker' || !ready.has(sha256)) return;
      const next = new Set(ready);
      next.delete(sha256);
      setReady(next);
      retryTimer.after(RETRY_MS[0], () => sync(wanted, { prune: false }));
    },
    readyList() {
      return [...ready];
    },
    /** Deletes every cached media file (the device was revoked). */
    async clear() {
      syncing++;
      retryTimer.cancel();
      wanted = [];
      ready = new Set();
      const c = controller();
      if (c) c.postMessage({ type: 'clear-media' });
      try {
        if (globalThis.caches) {
          for (const name of await globalThis.caches.keys()) {
            if (name.startsWith('signage-media')) await globalThis.caches.delete(name);
          }
        }
      } catch {
        // the worker clears it too
      }
    },
    stop() {
      syncing++;
      retryTimer.cancel();
    },
  };
}
