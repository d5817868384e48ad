// Which slide to show, and until when. Pure: manifest + now + current position in,
// the showing to put on screen and its deadline out. No timers, no DOM, no clock of its
// own; the caller passes the (server-corrected) time in milliseconds.
//
// A showing is
//   { standby: false, key, slide, index, order, startedAt, deadline, durationMs, untilMs, emergency }
// or, when nothing can be played,
//   { standby: true, key: null, slide: null, index: -1, order, startedAt, deadline, emergency }.
// `order` is the keys of the manifest's slides at the time of the decision, so that when
// the current slide disappears from a new manifest the rotation continues with the one
// that followed it.
//
// A slide is one message with all its language versions (see texts.js); which of its
// texts is showing is not a rotation decision, so keys, order and deadlines are per message.

import { textsOf } from './texts.js';

export const MIN_SECONDS = 3;
export const MAX_SECONDS = 300;
export const DEFAULT_SECONDS = 10;
/** How often standby looks again (media may have arrived, a failed slide may be due a retry). */
export const STANDBY_RECHECK_MS = 30_000;

/** Stored durations are clamped so one bad row cannot take a screen down or freeze it. */
export function clampDuration(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return DEFAULT_SECONDS;
  return Math.min(MAX_SECONDS, Math.max(MIN_SECONDS, seconds));
}

/** Milliseconds since the epoch of a slide's `until`, or Infinity when it has none (or an unreadable one). */
export function untilOf(slide) {
  if (slide == null || slide.until == null) return Infinity;
  const ms = Date.parse(slide.until);
  return Number.isNaN(ms) ? Infinity : ms;
}

/**
 * A stable key for each slide: its message id, with a counter when the same message comes
 * more than once in one loop. Not its language: a message keeps its place in the rotation
 * (and its failure count) whichever of its languages is showing, and a translation added
 * or removed while it is on screen does not restart it.
 */
export function slideKeys(slides) {
  const seen = new Map();
  return slides.map((slide) => {
    const base = String(slide?.id);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}

const always = () => true;

/**
 * The slides in play order: by the manifest's `turns` when the screen shares airtime
 * between institutions (positions in `slides`, a message as often as its institution's
 * share needs, so it comes more than once in the loop), else as listed.
 */
export function playOrder(manifest) {
  const slides = Array.isArray(manifest?.slides) ? manifest.slides : [];
  if (!Array.isArray(manifest?.turns)) return slides;
  const order = manifest.turns.filter((i) => Number.isInteger(i) && i >= 0 && i < slides.length).map((i) => slides[i]);
  return order.length > 0 ? order : slides;
}

/**
 * The manifest's slides in play order with their keys and durations. `benchmarkSlideMs`
 * plays every slide for that long instead, for the kiosk memory benchmark only (see main.js).
 */
function entries(manifest, { benchmarkSlideMs } = {}) {
  const slides = playOrder(manifest);
  const keys = slideKeys(slides);
  return slides.map((slide, index) => ({
    slide,
    key: keys[index],
    index,
    durationMs: benchmarkSlideMs > 0 ? benchmarkSlideMs : clampDuration(slide?.durationSeconds) * 1000,
    untilMs: untilOf(slide),
  }));
}

function usable(entry, now, isPlayable) {
  return entry.untilMs > now && isPlayable(entry.slide, entry.key);
}

function showing(entry, order, now, emergency) {
  return {
    standby: false,
    key: entry.key,
    slide: entry.slide,
    index: entry.index,
    order,
    startedAt: now,
    deadline: Math.min(now + entry.durationMs, entry.untilMs),
    durationMs: entry.durationMs,
    untilMs: entry.untilMs,
    emergency,
  };
}

function standby(order, now, emergency) {
  return {
    standby: true,
    key: null,
    slide: null,
    index: -1,
    order,
    startedAt: now,
    deadline: now + STANDBY_RECHECK_MS,
    emergency,
  };
}

/** The first usable entry at or after `from` (wrapping round), or null. */
function firstFrom(list, from, now, isPlayable) {
  for (let i = 0; i < list.length; i++) {
    const entry = list[(from + i) % list.length];
    if (usable(entry, now, isPlayable)) return entry;
  }
  return null;
}

/**
 * The entry of `list` that comes after the position's slide: after it in the new list
 * when it is still there, else the first slide that followed it in the old order and is
 * still there, else the start of the list.
 */
function following(list, position, now, isPlayable) {
  if (list.length === 0) return null;
  const here = list.findIndex((e) => e.key === position.key);
  if (here >= 0) return firstFrom(list, here + 1, now, isPlayable);
  return nextInOldOrder(list, position, now, isPlayable);
}

function nextInOldOrder(list, position, now, isPlayable) {
  const order = Array.isArray(position.order) ? position.order : [];
  const byKey = new Map(list.map((e) => [e.key, e]));
  const start = Math.max(0, position.index);
  for (let i = 1; i <= order.length; i++) {
    const entry = byKey.get(order[(start + i) % order.length]);
    if (entry && usable(entry, now, isPlayable)) return entry;
  }
  return firstFrom(list, 0, now, isPlayable);
}

/** The first slide of the manifest that can be played now, or standby. */
export function start(manifest, now, options = {}) {
  const { isPlayable = always } = options;
  const list = entries(manifest, options);
  const order = list.map((e) => e.key);
  const emergency = manifest?.emergency === true;
  const entry = firstFrom(list, 0, now, isPlayable);
  return entry ? showing(entry, order, now, emergency) : standby(order, now, emergency);
}

/** The slide after the current one (the deadline has passed, or the current one failed). */
export function advance(manifest, now, position, options = {}) {
  if (!position || position.standby) return start(manifest, now, options);
  const { isPlayable = always } = options;
  const list = entries(manifest, options);
  const order = list.map((e) => e.key);
  const emergency = manifest?.emergency === true;
  const entry = following(list, position, now, isPlayable);
  return entry ? showing(entry, order, now, emergency) : standby(order, now, emergency);
}

/**
 * The manifest changed (or what can be played did): the current slide continues if it is
 * still there and playable, with its deadline recomputed from when it started; otherwise
 * the next one in order starts now.
 */
export function keep(manifest, now, position, options = {}) {
  if (!position || position.standby) return start(manifest, now, options);
  const { isPlayable = always } = options;
  const list = entries(manifest, options);
  const order = list.map((e) => e.key);
  const emergency = manifest?.emergency === true;
  const same = list.find((e) => e.key === position.key);
  if (same && usable(same, now, isPlayable)) {
    const deadline = Math.min(position.startedAt + same.durationMs, same.untilMs);
    if (deadline > now) {
      return { ...showing(same, order, position.startedAt, emergency), deadline };
    }
    return advance(manifest, now, { ...position, order, index: same.index }, options);
  }
  const entry = nextInOldOrder(list, position, now, isPlayable);
  return entry ? showing(entry, order, now, emergency) : standby(order, now, emergency);
}

/**
 * The one entry point: manifest + now + current position → the showing and its deadline.
 * A manifest that switches into or out of emergency starts again from its first slide.
 */
export function decide(manifest, now, position, options = {}) {
  if (!position || position.emergency !== (manifest?.emergency === true)) {
    return start(manifest, now, options);
  }
  if (now >= position.deadline) return advance(manifest, now, position, options);
  return keep(manifest, now, position, options);
}

/**
 * The showing actually went on screen at `now` (media took a moment to load): its full
 * duration counts from then, still ending no later than its `until`.
 */
export function rebase(position, now) {
  if (position.standby) return { ...position, startedAt: now, deadline: now + STANDBY_RECHECK_MS };
  return { ...position, startedAt: now, deadline: Math.min(now + position.durationMs, position.untilMs) };
}

/**
 * What the side column, the info band and the ticker say about a slide: its title in the
 * screen's first language, and its other languages' titles for a smaller second line.
 */
function titleOf(entry) {
  const [first, ...others] = textsOf(entry.slide);
  return {
    key: entry.key,
    title: first.title,
    language: first.language,
    others: others.filter((t) => t.title.trim() !== '').map((t) => ({ title: t.title, language: t.language })),
  };
}

/**
 * Titles of the next `count` messages after the current one, in order, for the side column
 * and the info band. Each message once: a message the loop holds twice (or, in a manifest
 * kept from before `texts`, once per language) is not listed again, nor is the one on screen.
 */
export function upcoming(manifest, now, position, count, options = {}) {
  const { isPlayable = always } = options;
  const list = entries(manifest, options).filter((e) => usable(e, now, isPlayable));
  if (list.length === 0) return [];
  const here = position && !position.standby ? list.findIndex((e) => e.key === position.key) : -1;
  const listed = new Set(position && !position.standby ? [String(position.slide?.id)] : []);
  const result = [];
  for (let i = 1; i <= list.length && result.length < count; i++) {
    const entry = list[(here + i + list.length) % list.length];
    const id = String(entry.slide?.id);
    if (listed.has(id)) continue;
    listed.add(id);
    result.push(titleOf(entry));
  }
  return result;
}

/** Titles of the whole loop in play order, each message once, for the ticker band. */
export function loopTitles(manifest, now, options = {}) {
  const { isPlayable = always } = options;
  const listed = new Set();
  return entries(manifest, options)
    .filter((e) => usable(e, now, isPlayable))
    .filter((e) => {
      const id = String(e.slide?.id);
      if (listed.has(id)) return false;
      listed.add(id);
      return true;
    })
    .map(titleOf)
    .filter((t) => t.title.trim() !== '');
}
