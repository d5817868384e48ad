// Test doubles shared by the tests: a controlled clock with fake timers. (This file has no
// tests of its own; Node's runner lists it as a file that passed.)

/** Lets pending promise callbacks run. */
export async function flush(times = 5) {
  for (let i = 0; i < times; i++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * A controlled clock: `setTimeout`/`clearTimeout` to inject, `now()`, and `advance(ms)`,
 * which fires what falls due in order, letting promises settle after each.
 */
export function fakeTime(start = 0) {
  let now = start;
  let nextId = 1;
  const pending = new Map();
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      pending.set(id, { fn, at: now + Math.max(0, ms) });
      return id;
    },
    clearTimeout: (id) => pending.delete(id),
    pendingCount: () => pending.size,
    async advance(ms) {
      const end = now + ms;
      await flush();
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].fn();
        await flush();
      }
      now = end;
    },
  };
}
