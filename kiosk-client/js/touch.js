// PURE: the touch kiosk's "Hvad sker der? / What's on" (issue 16, part 3). Built only from
// the manifest the kiosk already keeps for its rotation (store.js), so it works offline
// from the same cache. No timers of their own beyond an injected setTimeout, no DOM.
//
// "By day": the manifest holds only messages on show now (ManifestBuilder builds it from
// the schedule's answer for now, and rebuilds it at nextChangeAt, docs/ARCHITECTURE.md "The
// change bus"), so each message runs from today until its
// `until` (every day of the week when it has none). That is why no start date is added
// to the manifest: it would always lie in the past.

/** Back to the rotation after this long untouched. */
export const IDLE_MS = 60_000;
/** How many days "this week" shows, today first. */
export const DAYS = 7;

/** The few words of the view, in the two languages the switch offers. */
export const WORDS = Object.freeze({
  da: Object.freeze({
    open: 'Hvad sker der?', heading: 'Hvad sker der?', all: 'Alle', days: 'Dag', institutions: 'Institution',
    back: 'Tilbage', close: 'Luk', until: 'Til', none: 'Intet denne dag.', language: 'English', languageCode: 'en',
    scan: 'Scan koden med din telefon',
  }),
  en: Object.freeze({
    open: "What's on?", heading: "What's on", all: 'All', days: 'Day', institutions: 'Institution',
    back: 'Back', close: 'Close', until: 'Until', none: 'Nothing on this day.', language: 'Dansk', languageCode: 'da',
    scan: 'Scan the code with your phone',
  }),
});

export function words(language) {
  return WORDS[language] ?? WORDS.da;
}

/** "2026-12-06": the calendar day of `ms` on campus. */
export function dayKey(ms, timeZone = 'Europe/Copenhagen') {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(ms));
  const get = (t) => parts.find((p) => p.type === t).value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Today and the next days as [{ key, label }], counted on the calendar (a DST change cannot repeat a day). */
export function weekDays(now, { timeZone = 'Europe/Copenhagen', language = 'da', days = DAYS } = {}) {
  const [y, m, d] = dayKey(now, timeZone).split('-').map(Number);
  const format = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'da-DK', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
  return Array.from({ length: days }, (_, i) => {
    const noon = Date.UTC(y, m - 1, d + i, 12);
    return { key: new Date(noon).toISOString().slice(0, 10), label: format.format(noon) };
  });
}

/** The messages of the manifest, once each, that the view can list (no standby, no departures board). */
export function messagesOf(manifest) {
  const slides = Array.isArray(manifest?.slides) ? manifest.slides : [];
  const seen = new Set();
  return slides.filter((s) => {
    if (!s || typeof s !== 'object' || s.kind === 'departures' || seen.has(s.id)) return false;
    seen.add(s.id);
    return true;
  });
}

/** Whether a message still runs on `key` (a day of dayKey()). */
export function runsOn(slide, key, timeZone = 'Europe/Copenhagen') {
  if (slide.until == null) return true;
  const until = Date.parse(slide.until);
  return !Number.isFinite(until) || dayKey(until - 1, timeZone) >= key;
}

/** The institutions named by the messages, by name, in alphabetical (Danish) order. */
export function institutionsOf(messages) {
  const names = new Set(messages.map((s) => s.institution?.name).filter((n) => typeof n === 'string' && n !== ''));
  return [...names].sort((a, b) => a.localeCompare(b, 'da'));
}

/** The messages for a day and an institution (null: all institutions). */
export function filtered(messages, { day, institution = null, timeZone = 'Europe/Copenhagen' }) {
  return messages.filter((s) => (day == null || runsOn(s, day, timeZone))
    && (institution == null || s.institution?.name === institution));
}

/** The message's words in `language`, else its first. */
export function textIn(slide, language) {
  const texts = Array.isArray(slide?.texts) && slide.texts.length > 0
    ? slide.texts
    : [{ language: slide?.language, title: slide?.title ?? '', html: slide?.html ?? '' }];
  return texts.find((t) => t?.language === language) ?? texts[0];
}

/**
 * The idle timer: onIdle() once `idleMs` pass without touch(). setTimeout is injected so a
 * test can run 60 s in no time.
 */
export function createIdle({ idleMs = IDLE_MS, onIdle, setTimeout: set = globalThis.setTimeout, clearTimeout: clear = globalThis.clearTimeout }) {
  let handle = null;
  const stop = () => {
    if (handle !== null) clear(handle);
    handle = null;
  };
  return {
    touch() {
      stop();
      handle = set(() => {
        handle = null;
        onIdle();
      }, idleMs);
    },
    stop,
    get running() {
      return handle !== null;
    },
  };
}

/**
 * Whether this kiosk is a touch kiosk: `?touch=1` turns it on and `?touch=0` off, and the
 * choice is remembered (so a restart without the query keeps it). `?touch-idle-ms=N` is
 * for tests only, taken only on a loopback address (like main.js's bench-slide-ms).
 */
export function touchSettings(search, remembered, { loopback = false } = {}) {
  const query = new URLSearchParams(search);
  const asked = query.get('touch');
  const enabled = asked === '1' ? true : asked === '0' ? false : remembered === true;
  const idle = Number(query.get('touch-idle-ms'));
  const idleMs = loopback && Number.isFinite(idle) && idle > 0 ? Math.max(100, Math.round(idle)) : IDLE_MS;
  return { enabled, idleMs, changed: asked === '1' || asked === '0' };
}
