// PURE: the touch kiosk's "Hvad sker der? / What's on" (issue 16, part 3). Built only from
// the manifest the kiosk already keeps for its rotation (store.js), so it works offline
// from the same cache. No timers of their own beyond an injected setTimeout, no DOM.
//
// "By day": a touch screen's manifest carries `week` (README.md "Touch kiosk"): the messages
// coming on the screen that are not on show now, and `showings`, when each message is on
// the screen over the week's days. A manifest from a server before `week` has only the
// messages on show now; each then counts from today until its `until`.

/** Back to the rotation after this long untouched. */
export const IDLE_MS = 60_000;
/** How many days "this week" shows, today first. */
export const DAYS = 7;

/** The few words of the view, in the two languages the switch offers. */
export const WORDS = Object.freeze({
  da: Object.freeze({
    open: 'Hvad sker der?', heading: 'Hvad sker der?', all: 'Alle', days: 'Dag', institutions: 'Institution',
    back: 'Tilbage', close: 'Luk', from: 'Fra', until: 'Til', none: 'Intet denne dag.', language: 'English', languageCode: 'en',
    scan: 'Scan koden med din telefon',
  }),
  en: Object.freeze({
    open: "What's on?", heading: "What's on", all: 'All', days: 'Day', institutions: 'Institution',
    back: 'Back', close: 'Close', from: 'From', until: 'Until', none: 'Nothing on this day.', language: 'Dansk', languageCode: 'da',
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

/** The messages of the manifest, once each, on show now and coming (no standby, no departures board). */
export function messagesOf(manifest) {
  const slides = Array.isArray(manifest?.slides) ? manifest.slides : [];
  const coming = Array.isArray(manifest?.week?.coming) ? manifest.week.coming : [];
  const seen = new Set();
  return [...slides, ...coming].filter((s) => {
    if (!s || typeof s !== 'object' || s.kind === 'departures' || seen.has(s.id)) return false;
    seen.add(s.id);
    return true;
  });
}

/**
 * When each message is on the screen, as Map(id → [{ from, until }] in ms), from the
 * manifest's week; null for a manifest without one. Times that cannot be read are left out.
 */
export function showingsOf(manifest) {
  const list = manifest?.week?.showings;
  if (!Array.isArray(list)) return null;
  const byId = new Map();
  for (const s of list) {
    const from = Date.parse(s?.from ?? '');
    const until = Date.parse(s?.until ?? '');
    if (!Number.isFinite(from) || !Number.isFinite(until) || until <= from) continue;
    if (!byId.has(s.id)) byId.set(s.id, []);
    byId.get(s.id).push({ from, until });
  }
  return byId;
}

/** The showings of `slide` that touch the day `key` (each runs from its first day to the day of its last moment). */
function showingsOn(slide, key, showings, timeZone) {
  return (showings.get(slide.id) ?? []).filter((t) => dayKey(t.from, timeZone) <= key && dayKey(t.until - 1, timeZone) >= key);
}

/**
 * Whether a message is on the screen on `key` (a day of dayKey()): by its showings when the
 * manifest has them, else from today until its `until` (every day when it has none).
 */
export function runsOn(slide, key, timeZone = 'Europe/Copenhagen', showings = null) {
  if (showings) return showingsOn(slide, key, showings, timeZone).length > 0;
  if (slide.until == null) return true;
  const until = Date.parse(slide.until);
  return !Number.isFinite(until) || dayKey(until - 1, timeZone) >= key;
}

/**
 * When on `key` the message is on the screen, as the view writes it: [] all day (or when
 * the manifest has no showings), else one { from, until } per showing, "HH:MM" on campus,
 * null for a showing that began the day before or goes on past midnight.
 */
export function timesOn(slide, key, { showings = null, timeZone = 'Europe/Copenhagen' } = {}) {
  if (!showings) return [];
  const clock = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const times = showingsOn(slide, key, showings, timeZone).map((t) => ({
    from: dayKey(t.from, timeZone) === key ? clock.format(t.from) : null,
    until: dayKey(t.until, timeZone) === key ? clock.format(t.until) : null,
  }));
  return times.length === 1 && times[0].from === null && times[0].until === null ? [] : times;
}

/** The institutions named by the messages, by name, in alphabetical (Danish) order. */
export function institutionsOf(messages) {
  const names = new Set(messages.map((s) => s.institution?.name).filter((n) => typeof n === 'string' && n !== ''));
  return [...names].sort((a, b) => a.localeCompare(b, 'da'));
}

/** The messages for a day and an institution (null: all institutions); `showings` from showingsOf(). */
export function filtered(messages, { day, institution = null, timeZone = 'Europe/Copenhagen', showings = null }) {
  return messages.filter((s) => (day == null || runsOn(s, day, timeZone, showings))
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
 * The idle time: `?touch-idle-ms=N` shortens it for tests, taken only on a loopback address
 * (like main.js's bench-slide-ms). Whether a kiosk is a touch kiosk is its screen's setting
 * on the server (manifest `screen.touch`), not the kiosk's.
 */
export function idleMsOf(search, { loopback = false } = {}) {
  const idle = Number(new URLSearchParams(search).get('touch-idle-ms'));
  return loopback && Number.isFinite(idle) && idle > 0 ? Math.max(100, Math.round(idle)) : IDLE_MS;
}
