// A message's language versions and which of them is showing. Pure: slide + times in,
// the text to show and when it changes out; no timers, no DOM. playback.js arms its one
// slide timer for the next switch, so the words change on the same chained timer as the
// slides (and a test with a controlled clock sees exactly when).
//
// One message is one slide carrying all its languages (`texts`, ordered by the screen's
// languages). A bilingual slide shares its display time equally: n texts get
// durationMs / n each, in order; the picture, colour and institution stay put.

/**
 * The slide's texts: its `texts` when it has any usable ones, else the one text its old
 * fields describe (a manifest kept from before the server sent `texts`).
 */
export function textsOf(slide) {
  const texts = Array.isArray(slide?.texts)
    ? slide.texts.filter((t) => t && typeof t === 'object' && (typeof t.title === 'string' || typeof t.html === 'string'))
    : [];
  if (texts.length > 0) {
    return texts.map((t) => ({
      language: typeof t.language === 'string' && t.language !== '' ? t.language : null,
      title: typeof t.title === 'string' ? t.title : '',
      html: typeof t.html === 'string' ? t.html : '',
    }));
  }
  return [{ language: slide?.language ?? null, title: String(slide?.title ?? ''), html: String(slide?.html ?? '') }];
}

/**
 * Which text shows `now` on a slide that went on screen at `startedAt` for `durationMs`:
 * { index, count, nextSwitchAt }. nextSwitchAt is Infinity while the last text shows (the
 * slide's own deadline ends it). Before the start it is the first text, after the end the last.
 */
export function textAt(slide, startedAt, now, durationMs) {
  const count = textsOf(slide).length;
  if (count <= 1 || !(durationMs > 0)) return { index: 0, count, nextSwitchAt: Infinity };
  const share = durationMs / count;
  const elapsed = Math.max(0, now - startedAt);
  const index = Math.min(count - 1, Math.floor(elapsed / share));
  const nextSwitchAt = index === count - 1 ? Infinity : startedAt + Math.round((index + 1) * share);
  return { index, count, nextSwitchAt };
}
