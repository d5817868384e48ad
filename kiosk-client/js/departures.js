// The station's next trains (README "Departures at the station"). Pure: a board from the
// server + the time now in, what to show out. The kiosk judges by its own (server-
// corrected) clock too, because a board kept for offline use ages while nobody answers:
// departures already gone are dropped, and realtime older than the board's stale limit is
// not shown as live: every departure is then "planned", at its timetable time.
//
// A board is { available, stopName, realtimeAt, staleAfterSeconds, pollSeconds,
//   departures: [{ line, destination, platform, planned, expected, delayMinutes, cancelled, live, colour }] }.

/** The slide that takes its turn in the rotation on a screen set to `slide`; never a play to report. */
export const DEPARTURES_SLIDE_ID = 'departures';
export const DEPARTURES_SLIDE_SECONDS = 15;
export const DEFAULT_POLL_MS = 30_000;
export const MIN_POLL_MS = 5_000;

const ms = (text) => {
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : t;
};

/** Whether the board's realtime is still fresh at `now`. */
export function isLive(board, now) {
  const at = board?.realtimeAt ? ms(board.realtimeAt) : null;
  const limit = Number(board?.staleAfterSeconds) > 0 ? Number(board.staleAfterSeconds) * 1000 : 120_000;
  return at !== null && now - at <= limit;
}

/**
 * What to show at `now`: { show, live, rows, stopName }, rows being
 * { line, destination, platform, time (ms), delayMinutes, cancelled, live, colour }.
 * `show` is false when there is nothing to show: the zone then gives way to the usual side
 * column and the slide leaves the rotation.
 */
export function boardAt(board, now, max = 8) {
  if (!board || board.available !== true || !Array.isArray(board.departures)) return { show: false, live: false, rows: [], stopName: '' };
  const live = isLive(board, now);
  const rows = [];
  for (const d of board.departures) {
    const planned = ms(d?.planned);
    if (planned === null) continue;
    const expected = ms(d?.expected) ?? planned;
    const news = live && d.live === true;
    // without fresh news a train leaves at its planned time, and nothing is known to be cancelled
    const time = news ? expected : planned;
    const cancelled = news && d.cancelled === true;
    if ((cancelled ? planned : time) < now) continue;
    rows.push({
      line: String(d.line ?? ''),
      destination: String(d.destination ?? ''),
      platform: String(d.platform ?? ''),
      planned,
      time,
      delayMinutes: news && !cancelled && Number(d.delayMinutes) > 0 ? Number(d.delayMinutes) : null,
      cancelled,
      live: news,
      colour: String(d.colour ?? ''),
    });
  }
  rows.sort((a, b) => a.time - b.time || a.planned - b.planned);
  const shown = rows.slice(0, max);
  return { show: shown.length > 0, live, rows: shown, stopName: String(board.stopName ?? '') };
}

/** How long until the board next asks: what the server says, within reason. */
export function pollMs(board) {
  const s = Number(board?.pollSeconds);
  return Number.isFinite(s) && s > 0 ? Math.max(MIN_POLL_MS, s * 1000) : DEFAULT_POLL_MS;
}

/** When the shown board next changes by itself: the first departure leaving, or realtime turning stale. */
export function nextChangeAt(board, now) {
  const { rows } = boardAt(board, now);
  let next = Infinity;
  for (const r of rows) next = Math.min(next, (r.cancelled ? r.planned : r.time) + 1);
  if (isLive(board, now)) {
    next = Math.min(next, ms(board.realtimeAt) + Number(board.staleAfterSeconds) * 1000 + 1);
  }
  return next;
}

/** The manifest with the departures slide at the end of the loop when the screen wants it and there is a board. */
export function withDeparturesSlide(manifest, show) {
  if (!manifest || manifest.emergency || manifest.screen?.departures !== 'slide' || !show) return manifest;
  // on a screen that shares airtime the loop plays by `turns`: the board takes one turn at
  // its end, or it would never show there (docs/ARCHITECTURE.md, "Fair airtime")
  const turns = Array.isArray(manifest.turns) ? [...manifest.turns, manifest.slides.length] : manifest.turns;
  return {
    ...manifest,
    turns,
    slides: [...manifest.slides, {
      id: DEPARTURES_SLIDE_ID,
      kind: 'departures',
      title: 'Næste tog · Next trains',
      html: '',
      language: 'da',
      texts: [{ language: 'da', title: 'Næste tog · Next trains', html: '' }],
      durationSeconds: DEPARTURES_SLIDE_SECONDS,
      until: null,
      institution: null,
      media: null,
    }],
  };
}

/** "+4 min": the delay as the board writes it (the same in Danish and English). */
export function delayText(minutes) {
  return minutes > 0 ? `+${minutes} min` : '';
}
