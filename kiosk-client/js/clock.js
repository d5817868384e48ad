// The kiosk's idea of the time. Pure: the caller passes local times in milliseconds.
//
// Each manifest answer carries `serverTime`. The server stamped it somewhere between the
// request leaving and the answer arriving, so the best guess is the middle of that round
// trip; of the recent samples the one with the shortest round trip is trusted most.
// A kiosk whose own clock is off by more than a few seconds (no NTP on the network, a
// Raspberry Pi without a real-time clock) uses the server's time instead; within that
// threshold it keeps its own, so a slow answer cannot make the clock jump about.

export const THRESHOLD_MS = 3000;
export const MAX_SAMPLES = 8;

/**
 * One measurement: the server said `serverTime` (ISO string) for a request sent at local
 * `sentAt` and answered at local `receivedAt`. Returns { offsetMs, rttMs } or null when the
 * server time cannot be read.
 */
export function sample(serverTime, sentAt, receivedAt) {
  const server = typeof serverTime === 'string' ? Date.parse(serverTime) : NaN;
  if (Number.isNaN(server) || !Number.isFinite(sentAt) || !Number.isFinite(receivedAt)) return null;
  const rttMs = Math.max(0, receivedAt - sentAt);
  const offsetMs = Math.round(server - (sentAt + rttMs / 2));
  return { offsetMs, rttMs };
}

/** Adds a sample, keeping the most recent MAX_SAMPLES. */
export function addSample(samples, s) {
  if (!s) return samples;
  return [...samples, s].slice(-MAX_SAMPLES);
}

/** The offset of the sample with the shortest round trip (the latest among equals), or null. */
export function bestOffset(samples) {
  let best = null;
  for (const s of samples) {
    if (best === null || s.rttMs <= best.rttMs) best = s;
  }
  return best === null ? null : best.offsetMs;
}

/** The correction actually applied: the measured offset when it exceeds the threshold, else 0. */
export function appliedOffset(offsetMs, thresholdMs = THRESHOLD_MS) {
  if (offsetMs == null || !Number.isFinite(offsetMs)) return 0;
  return Math.abs(offsetMs) > thresholdMs ? offsetMs : 0;
}

/**
 * A small holder for the samples, with the time source injected (`now` returns local
 * epoch milliseconds). `now()` of the result is the time the kiosk plays by.
 */
export function createClock({ now = () => Date.now(), thresholdMs = THRESHOLD_MS } = {}) {
  let samples = [];
  return {
    /** Records the server time of an answer; returns true when the applied offset changed. */
    observe(serverTime, sentAt, receivedAt) {
      const before = appliedOffset(bestOffset(samples), thresholdMs);
      samples = addSample(samples, sample(serverTime, sentAt, receivedAt));
      return appliedOffset(bestOffset(samples), thresholdMs) !== before;
    },
    /** The measured offset (server minus local) in ms, reported in heartbeats; null before any sample. */
    offsetMs() {
      return bestOffset(samples);
    },
    /** The correction in use: the offset when over the threshold, else 0. */
    appliedOffsetMs() {
      return appliedOffset(bestOffset(samples), thresholdMs);
    },
    /** The time to play by, epoch ms. */
    now() {
      return now() + appliedOffset(bestOffset(samples), thresholdMs);
    },
    local() {
      return now();
    },
  };
}

/**
 * The screen's reading language for times and dates: its first language, Danish when it
 * names none, so a kiosk writes the time the way the staff pages do for that language.
 */
export function screenLanguage(languages) {
  const first = Array.isArray(languages) ? languages.find((l) => typeof l === 'string' && l.trim() !== '') : null;
  return first ? first.trim().toLowerCase().split(/[-_]/)[0] : 'da';
}

/**
 * "14.05" on a Danish screen, "14:05" on any other, in the campus time zone whatever zone
 * the kiosk itself is set to. The one formatter for every time a kiosk shows.
 */
export function formatTime(ms, timeZone = 'Europe/Copenhagen', language = 'da') {
  const parts = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone })
    .formatToParts(new Date(ms));
  const part = (type) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('hour')}${language === 'da' ? '.' : ':'}${part('minute')}`;
}

/** "tirsdag 1. december" on a Danish screen, "Tuesday 1 December" on an English one. */
export function formatDate(ms, timeZone = 'Europe/Copenhagen', language = 'da') {
  const locale = language === 'da' ? 'da-DK' : language === 'en' ? 'en-GB' : language;
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(new Date(ms));
}

/**
 * What a kiosk writes for "now" (the side column, the info band, standby): the date and the
 * time in the screen's first language, with the formatters above.
 */
export function dateAndTime(ms, timeZone = 'Europe/Copenhagen', language = 'da') {
  return { date: formatDate(ms, timeZone, language), time: formatTime(ms, timeZone, language) };
}

/** Milliseconds until the next whole minute, so a clock showing minutes updates on time. */
export function msToNextMinute(ms) {
  return 60_000 - (((ms % 60_000) + 60_000) % 60_000);
}
