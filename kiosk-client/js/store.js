// What the kiosk keeps across reloads and power cuts: the device token, a pairing in
// progress, the last good manifest with its ETag, and the proof-of-play queue. Backed by
// any object with the Web Storage interface (localStorage in the browser, an in-memory
// stand-in in tests). Unreadable entries count as absent; a full storage is reported,
// never thrown at the player.

const PREFIX = 'signage.kiosk.';

const KEYS = Object.freeze({
  token: 'deviceToken',
  pairing: 'pairing',
  screen: 'screen',
  manifest: 'manifest',
  etag: 'manifestEtag',
  plays: 'plays',
  departures: 'departures',
  departuresEtag: 'departuresEtag',
});

export function createStore(storage, { onError = () => {} } = {}) {
  function read(name) {
    let text;
    try {
      text = storage.getItem(PREFIX + name);
    } catch (e) {
      onError(`storage unreadable: ${e?.message ?? e}`);
      return null;
    }
    if (text == null) return null;
    try {
      return JSON.parse(text);
    } catch {
      remove(name);
      return null;
    }
  }

  function write(name, value) {
    try {
      storage.setItem(PREFIX + name, JSON.stringify(value));
      return true;
    } catch (e) {
      onError(`storage not written (${name}): ${e?.message ?? e}`);
      return false;
    }
  }

  function remove(name) {
    try {
      storage.removeItem(PREFIX + name);
    } catch {
      // nothing more to do
    }
  }

  return {
    token() {
      const t = read(KEYS.token);
      return typeof t === 'string' && t !== '' ? t : null;
    },
    setToken(token) {
      return write(KEYS.token, token);
    },

    /** A pairing in progress ({ pairingId, code, pollSecret, expiresAt, ... }), so a reload keeps the same code. */
    pairing() {
      const p = read(KEYS.pairing);
      return p && typeof p.pairingId === 'string' && typeof p.pollSecret === 'string' ? p : null;
    },
    setPairing(pairing) {
      return write(KEYS.pairing, pairing);
    },
    clearPairing() {
      remove(KEYS.pairing);
    },

    /** The screen named when the device was claimed ({ slug, name }). */
    screen() {
      return read(KEYS.screen);
    },
    setScreen(screen) {
      return write(KEYS.screen, screen);
    },

    /** The last good manifest and its ETag, or null. */
    manifest() {
      const m = read(KEYS.manifest);
      if (!m || typeof m !== 'object' || !Array.isArray(m.slides)) return null;
      const etag = read(KEYS.etag);
      return { manifest: m, etag: typeof etag === 'string' ? etag : null };
    },
    setManifest(manifest, etag) {
      const ok = write(KEYS.manifest, manifest);
      if (ok && etag) write(KEYS.etag, etag);
      else remove(KEYS.etag); // never pair an ETag with a manifest it does not describe
      return ok;
    },

    /** The last departures board and its ETag, kept for offline use like the manifest; or null. */
    departures() {
      const board = read(KEYS.departures);
      if (!board || typeof board !== 'object') return null;
      const etag = read(KEYS.departuresEtag);
      return { board, etag: typeof etag === 'string' ? etag : null };
    },
    setDepartures(board, etag) {
      const ok = write(KEYS.departures, board);
      if (ok && etag) write(KEYS.departuresEtag, etag);
      else remove(KEYS.departuresEtag);
      return ok;
    },

    /** The proof-of-play queue ({ nextSeq, pending, buffer }); see plays.js. */
    plays() {
      return read(KEYS.plays);
    },
    setPlays(state) {
      return write(KEYS.plays, state);
    },

    /** Everything this kiosk stored: after a 401 the device starts again from pairing. */
    clearAll() {
      const names = [];
      try {
        for (let i = 0; i < storage.length; i++) {
          const k = storage.key(i);
          if (k != null && k.startsWith(PREFIX)) names.push(k);
        }
        for (const k of names) storage.removeItem(k);
      } catch (e) {
        onError(`storage not cleared: ${e?.message ?? e}`);
      }
    },
  };
}

/** A tiny in-memory stand-in for localStorage (tests, and browsers where storage is blocked). */
export function memoryStorage(initial = {}) {
  const map = new Map(Object.entries(initial));
  return {
    get length() {
      return map.size;
    },
    key(i) {
      return [...map.keys()][i] ?? null;
    },
    getItem(k) {
      return map.has(k) ? map.get(k) : null;
    },
    setItem(k, v) {
      map.set(k, String(v));
    },
    removeItem(k) {
      map.delete(k);
    },
    clear() {
      map.clear();
    },
  };
}
