// The media cache, used by the service worker. Files are kept by their SHA-256: a file
// goes into the cache only whole and only after its hash (crypto.subtle) matches the one
// the manifest names, and a cached file is hashed again before it is served, so a partial
// download or a corrupted cache entry is never shown; a bad entry is deleted and fetched
// again. Files the manifest no longer names are pruned.
//
// Everything it touches is injected (Cache Storage, fetch, SubtleCrypto, the clock), so the
// same code runs in the service worker and in Node's tests.

const SHA_IN_NAME = /\/([0-9a-f]{64})\.[A-Za-z0-9]{1,8}$/;
/** A range request that continues a playback (a video seeking on) trusts a hash checked this recently. */
export const CONTINUATION_TRUST_MS = 10 * 60_000;
/** Sync does not hash again what this worker checked this recently; serving always does (once per playback). */
export const SYNC_TRUST_MS = 60 * 60_000;

/** Lower-case hex SHA-256 of an ArrayBuffer. */
export async function sha256Hex(buffer, subtle = globalThis.crypto.subtle) {
  const digest = await subtle.digest('SHA-256', buffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The SHA-256 in a content-addressed media URL ("/media/<sha256>.png"), or null. */
export function shaFromUrl(url) {
  const m = SHA_IN_NAME.exec(new URL(url, 'http://x').pathname);
  return m ? m[1] : null;
}

/**
 * A Range header against a file of `size` bytes: null (serve it whole), 'unsatisfiable',
 * or { start, end } (inclusive). Only single ranges; anything unreadable is ignored, as HTTP allows.
 */
export function parseRange(header, size) {
  if (!header) return null;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start;
  let end;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== '' && Number(m[2]) < start) return null;
  }
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

/** The answer to a (possibly ranged) request for a verified file held in `blob`. */
export function respondWith(blob, type, rangeHeader) {
  const size = blob.size;
  const base = {
    'Content-Type': type || blob.type || 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
  };
  const range = parseRange(rangeHeader, size);
  if (range === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}` } });
  }
  if (range === null) {
    return new Response(blob, { status: 200, headers: { ...base, 'Content-Length': String(size) } });
  }
  const part = blob.slice(range.start, range.end + 1);
  return new Response(part, {
    status: 206,
    headers: { ...base, 'Content-Length': String(part.size), 'Content-Range': `bytes ${range.start}-${range.end}/${size}` },
  });
}

export function createMediaCache({
  caches,
  fetch: doFetch = (...args) => globalThis.fetch(...args),
  subtle = globalThis.crypto.subtle,
  cacheName,
  base,
  now = () => Date.now(),
  log = () => {},
}) {
  const inflight = new Map(); // sha → Promise<boolean>
  const verifiedAt = new Map(); // absolute url → when this worker last saw its hash match

  const keyOf = (url) => new URL(url, base).href;
  const open = () => caches.open(cacheName);

  /** The cached entry for `url` if its bytes hash to `sha`; a mismatching entry is deleted. Returns a Blob or null. */
  async function verifiedBlob(url, sha, { trustMs = 0 } = {}) {
    const key = keyOf(url);
    const cache = await open();
    const cached = await cache.match(key);
    if (!cached) return null;
    const blob = await cached.blob();
    const seen = verifiedAt.get(key);
    if (trustMs > 0 && seen !== undefined && now() - seen < trustMs) return blob;
    const actual = await sha256Hex(await blob.arrayBuffer(), subtle);
    if (actual === sha) {
      verifiedAt.set(key, now());
      return blob;
    }
    verifiedAt.delete(key);
    await cache.delete(key);
    log(`cached media ${url} did not match its SHA-256 (got ${actual.slice(0, 12)}…): deleted, fetching it again`);
    return null;
  }

  /** Downloads, checks and stores one file. Resolves true when a verified copy is in the cache. */
  function download(item) {
    const running = inflight.get(item.sha256);
    if (running) return running;
    const job = (async () => {
      const controller = new AbortController();
      const limit = 60_000 + (item.bytes ?? 0) / 50; // at least 50 kB/s
      const timer = setTimeout(() => controller.abort(), limit);
      try {
        const response = await doFetch(keyOf(item.url), { cache: 'no-store', credentials: 'omit', signal: controller.signal });
        if (response.status !== 200) {
          log(`media ${item.url}: HTTP ${response.status}`);
          return false;
        }
        const buffer = await response.arrayBuffer();
        if (item.bytes && buffer.byteLength !== item.bytes) {
          log(`media ${item.url}: ${buffer.byteLength} bytes, the manifest says ${item.bytes}`);
          return false;
        }
        const actual = await sha256Hex(buffer, subtle);
        if (actual !== item.sha256) {
          log(`media ${item.url}: SHA-256 ${actual.slice(0, 12)}… does not match the manifest`);
          return false;
        }
        const type = item.type || response.headers.get('Content-Type') || 'application/octet-stream';
        const cache = await open();
        await cache.put(keyOf(item.url), new Response(buffer, {
          headers: { 'Content-Type': type, 'Content-Length': String(buffer.byteLength), 'X-Signage-Sha256': actual },
        }));
        verifiedAt.set(keyOf(item.url), now());
        return true;
      } catch (e) {
        log(`media ${item.url}: ${controller.signal.aborted ? 'download timed out' : (e?.message ?? e)}`);
        return false;
      } finally {
        clearTimeout(timer);
        inflight.delete(item.sha256);
      }
    })();
    inflight.set(item.sha256, job);
    return job;
  }

  return {
    /** Whether a verified copy of the file is cached (hashing it unless this worker did so lately). */
    async has(item) {
      return (await verifiedBlob(item.url, item.sha256, { trustMs: SYNC_TRUST_MS })) !== null;
    },

    download,

    /**
     * Makes sure every file is cached and verified, one download at a time (gentle on a
     * weak network). `onReady(sha)` is called as each one becomes usable.
     * Resolves { ready: [sha], failed: [sha] }.
     */
    async sync(items, { onReady = () => {} } = {}) {
      const ready = [];
      const failed = [];
      for (const item of items) {
        let ok = (await verifiedBlob(item.url, item.sha256, { trustMs: SYNC_TRUST_MS })) !== null;
        if (!ok) ok = await download(item);
        if (ok) {
          ready.push(item.sha256);
          onReady(item.sha256);
        } else {
          failed.push(item.sha256);
        }
      }
      return { ready, failed };
    },

    /** Deletes cached files the manifest no longer names. Resolves the number deleted. */
    async prune(items) {
      const keep = new Set(items.map((i) => keyOf(i.url)));
      const cache = await open();
      let deleted = 0;
      for (const request of await cache.keys()) {
        if (!keep.has(request.url)) {
          await cache.delete(request);
          verifiedAt.delete(request.url);
          deleted++;
        }
      }
      return deleted;
    },

    /**
     * Answers a request for a media file from verified bytes only: the cached copy if its
     * hash matches, else a fresh, verified download, else 504. A ranged request continuing
     * a playback (start > 0) relies on the check its first request made.
     */
    async serve(request, item) {
      const range = request.headers.get('Range');
      const continuing = range !== null && /^\s*bytes\s*=\s*[1-9]/i.test(range);
      let blob = await verifiedBlob(item.url, item.sha256, { trustMs: continuing ? CONTINUATION_TRUST_MS : 0 });
      if (!blob && (await download(item))) {
        blob = await verifiedBlob(item.url, item.sha256, { trustMs: CONTINUATION_TRUST_MS });
      }
      if (!blob) {
        return new Response(null, { status: 504, headers: { 'Cache-Control': 'no-store' } });
      }
      return respondWith(blob, item.type, range);
    },

    /** Everything cached goes (the device was revoked). */
    async clear() {
      verifiedAt.clear();
      await caches.delete(cacheName);
    },
  };
}
