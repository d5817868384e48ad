// Proof of play: every showing of a slide becomes a play; plays are sent in batches of at
// most 20, or whatever has gathered after 30 s. Each batch gets the next sequence number,
// and the batch and the counter are kept in storage before the batch is sent, so a batch
// that failed (or whose answer was lost to a power cut) is sent again with the same seq
// and the same plays; the server counts a (device, seq) pair once.
//
// The module does no I/O of its own: the caller sends `nextBatch()` and reports back with
// `acknowledge`, `failed` or `discard`. Time is injected.

export const BATCH_SIZE = 20;
export const MAX_AGE_MS = 30_000;
/** Months offline must not fill the storage: beyond this the oldest plays are dropped (and counted). */
export const MAX_BUFFERED = 20_000;
const RETRY_MS = [30_000, 60_000, 120_000, 300_000];

function fresh() {
  return { nextSeq: 1, pending: null, buffer: [], since: null, dropped: 0 };
}

function valid(state) {
  return (
    state &&
    Number.isInteger(state.nextSeq) &&
    state.nextSeq >= 1 &&
    Array.isArray(state.buffer) &&
    (state.pending === null || (Number.isInteger(state.pending?.seq) && Array.isArray(state.pending?.plays)))
  );
}

export function createPlays({ store, now = () => Date.now(), batchSize = BATCH_SIZE, maxAgeMs = MAX_AGE_MS, maxBuffered = MAX_BUFFERED } = {}) {
  const loaded = store.plays();
  let state = valid(loaded) ? { since: null, dropped: 0, ...loaded } : fresh();
  let failures = 0;
  let retryAt = 0;

  function save() {
    store.setPlays(state);
  }

  return {
    /**
     * Adds one play ({ announcementId, language, startedAt, durationMs }).
     * Returns true when a batch is now full and worth sending at once.
     */
    record(play) {
      if (state.buffer.length === 0) state.since = now();
      state.buffer.push(play);
      if (state.buffer.length > maxBuffered) {
        const over = state.buffer.length - maxBuffered;
        state.buffer.splice(0, over);
        state.dropped += over;
      }
      save();
      return state.buffer.length >= batchSize && now() >= retryAt;
    },

    /** Whether a batch should be sent now: one is waiting for a retry, 20 plays are in, or the oldest is 30 s old. */
    due() {
      const t = now();
      if (t < retryAt) return false;
      if (state.pending) return true;
      if (state.buffer.length >= batchSize) return true;
      return state.buffer.length > 0 && state.since !== null && t - state.since >= maxAgeMs;
    },

    /**
     * The batch to send: the one already numbered and not yet acknowledged, exactly as it
     * was, or a new one taken from the buffer with the next sequence number. Null when there
     * is nothing to send.
     */
    nextBatch() {
      if (!state.pending) {
        if (state.buffer.length === 0) return null;
        const plays = state.buffer.slice(0, batchSize);
        state = {
          ...state,
          pending: { seq: state.nextSeq, plays },
          nextSeq: state.nextSeq + 1,
          buffer: state.buffer.slice(plays.length),
          since: state.buffer.length > plays.length ? now() : null,
        };
        save();
      }
      return { seq: state.pending.seq, plays: state.pending.plays.slice() };
    },

    /** The server took the batch (204): it is done. */
    acknowledge(seq) {
      if (state.pending?.seq === seq) {
        state = { ...state, pending: null };
        save();
      }
      failures = 0;
      retryAt = 0;
    },

    /** Sending failed (network, 5xx): keep the batch as it is and try again later, backing off. */
    failed(seq) {
      if (state.pending?.seq !== seq) return;
      retryAt = now() + RETRY_MS[Math.min(failures, RETRY_MS.length - 1)];
      failures++;
    },

    /** The server refused the batch as invalid (4xx other than 401): resending cannot help, drop it. */
    discard(seq) {
      if (state.pending?.seq === seq) {
        state = { ...state, pending: null, dropped: state.dropped + state.pending.plays.length };
        save();
      }
    },

    stats() {
      return {
        nextSeq: state.nextSeq,
        pendingSeq: state.pending?.seq ?? null,
        pendingPlays: state.pending?.plays.length ?? 0,
        buffered: state.buffer.length,
        dropped: state.dropped,
      };
    },
  };
}
