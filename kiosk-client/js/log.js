// The kiosk's log: a line when something changes (paired, online, manifest, a slide that
// failed), never one per tick. Recent failures are kept, bounded, for the heartbeat.

export const MAX_RECENT = 20;
export const MAX_LENGTH = 300;

export function createLog({ console: out = globalThis.console, now = () => Date.now(), maxRecent = MAX_RECENT } = {}) {
  const last = new Map();
  const recent = [];
  const lines = [];

  function keep(line) {
    lines.push(line);
    if (lines.length > 100) lines.shift();
  }

  return {
    /** Logs `message` only when `value` differs from what `topic` had; returns whether it did. */
    change(topic, value, message) {
      if (last.has(topic) && last.get(topic) === value) return false;
      last.set(topic, value);
      const line = `${new Date(now()).toISOString()} ${topic}: ${message ?? value}`;
      keep(line);
      out.info(`[kiosk] ${topic}: ${message ?? value}`);
      return true;
    },
    /**
     * Something failed: logged as a warning and remembered for the next heartbeat. With a
     * topic, the same failure again (a poll that keeps getting 404) is not logged again
     * until the topic is cleared.
     */
    problem(message, topic = null) {
      const text = String(message).slice(0, MAX_LENGTH);
      if (topic !== null) {
        if (last.get(`problem:${topic}`) === text) return;
        last.set(`problem:${topic}`, text);
      }
      recent.push(`${new Date(now()).toISOString()} ${text}`);
      if (recent.length > maxRecent) recent.shift();
      keep(`${new Date(now()).toISOString()} problem: ${text}`);
      out.warn(`[kiosk] ${text}`);
    },
    /** Forgets what a topic was, so its next value is logged whatever it is. */
    reset(topic) {
      last.delete(topic);
    },
    /** The failure of a topic is over (the request worked again). */
    solved(topic) {
      last.delete(`problem:${topic}`);
    },
    /** The first `n` recent failures reached the server: forget them. */
    acknowledgeRecent(n) {
      recent.splice(0, Math.min(n, recent.length));
    },
    /** The failures not yet reported (at most MAX_RECENT). */
    recent() {
      return recent.slice();
    },
    lines() {
      return lines.slice();
    },
  };
}
