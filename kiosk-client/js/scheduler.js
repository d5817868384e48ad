// One cancellable timer: at most one setTimeout is pending, and setting a new one cancels
// the old. Slide changes use one of these (never setInterval, so two changes can never
// overlap); so does every other periodic job, each with its own timer, re-armed by the
// job when it finishes.
//
// setTimeout cannot wait longer than about 24.8 days and may fire early or late when the
// machine sleeps, so `at(deadline)` waits at most MAX_WAIT_MS at a time and checks the
// clock again before running.

export const MAX_WAIT_MS = 60 * 60 * 1000;

export function createTimer({
  setTimeout: set = (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: clear = (id) => globalThis.clearTimeout(id),
  now = () => Date.now(),
} = {}) {
  let handle = null;
  let generation = 0;

  function cancel() {
    generation++;
    if (handle !== null) {
      clear(handle);
      handle = null;
    }
  }

  /** Runs `fn` once after `ms` milliseconds, replacing whatever was scheduled. */
  function after(ms, fn) {
    cancel();
    const mine = generation;
    handle = set(() => {
      if (mine !== generation) return;
      handle = null;
      fn();
    }, Math.max(0, Math.min(ms, MAX_WAIT_MS)));
  }

  /** Runs `fn` once when `now()` reaches `deadline` (epoch ms), replacing whatever was scheduled. */
  function at(deadline, fn) {
    cancel();
    const mine = generation;
    const wait = () => {
      if (mine !== generation) return;
      const left = deadline - now();
      if (left <= 0) {
        handle = null;
        fn();
        return;
      }
      handle = set(wait, Math.min(left, MAX_WAIT_MS));
    };
    // always asynchronously, even when the deadline has passed: no re-entrant calls
    handle = set(wait, Math.max(0, Math.min(deadline - now(), MAX_WAIT_MS)));
  }

  return {
    after,
    at,
    cancel,
    get pending() {
      return handle !== null;
    },
  };
}

/** A delay of `ms` ± `spread` (0.2 = 20%), so a fleet of kiosks does not poll in step. */
export function jitter(ms, spread = 0.2, random = Math.random) {
  return Math.round(ms * (1 - spread + 2 * spread * random()));
}

/** Exponential back-off: base × 2^attempt, at most `max`, with jitter. */
export function backoff(attempt, { base = 1000, max = 60_000, spread = 0.2, random = Math.random } = {}) {
  return jitter(Math.min(max, base * 2 ** Math.max(0, attempt)), spread, random);
}
