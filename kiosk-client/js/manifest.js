// Reading a manifest the server sent (or storage kept). Pure. Whatever the server says,
// the player gets a manifest of a known shape: unknown kinds become text, slides without
// an id are dropped, sizes and layouts fall back to sensible values. Rotation, durations
// and `until` are rotation.js's business.

const KINDS = new Set(['text', 'image', 'video']);
const LAYOUTS = new Set(['full', 'main-side-ticker']);
const SHA256 = /^[0-9a-f]{64}$/;

function positive(n, fallback) {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : fallback;
}

function str(s, fallback = '') {
  return typeof s === 'string' ? s : fallback;
}

function media(m) {
  if (!m || typeof m !== 'object' || typeof m.url !== 'string' || m.url === '') return null;
  const sha256 = str(m.sha256).toLowerCase();
  // A file that cannot be checked is never shown: the slide keeps its words only.
  if (!SHA256.test(sha256)) return null;
  return {
    url: m.url,
    sha256,
    bytes: positive(m.bytes, null),
    type: str(m.type),
    width: positive(m.width, null),
    height: positive(m.height, null),
  };
}

/**
 * A slide's language versions, or null when the server sent none (a manifest from before
 * `texts`, kept in storage): texts.js then reads the old title/html/language.
 */
function texts(list) {
  if (!Array.isArray(list)) return null;
  const read = list
    .filter((t) => t && typeof t === 'object')
    .map((t) => ({ language: str(t.language) || null, title: str(t.title), html: str(t.html) }))
    .filter((t) => t.title !== '' || t.html !== '');
  return read.length > 0 ? read : null;
}

/**
 * A message's QR code (docs/LINKS.md): kept only when it is whole, so the player never
 * draws half a code that a phone would misread.
 */
function link(l) {
  if (!l || typeof l !== 'object' || typeof l.address !== 'string' || typeof l.qrPath !== 'string'
      || !Number.isInteger(l.modules) || l.modules <= 0) return null;
  return {
    address: l.address,
    label: str(l.label, l.address),
    qrPath: l.qrPath,
    modules: l.modules,
    modulePx: Number.isInteger(l.modulePx) && l.modulePx > 0 ? l.modulePx : null,
  };
}

function slide(s) {
  if (!s || typeof s !== 'object' || (typeof s.id !== 'number' && typeof s.id !== 'string')) return null;
  const m = media(s.media);
  let kind = KINDS.has(s.kind) ? s.kind : 'text';
  if (kind !== 'text' && !m) kind = 'text'; // an image slide whose image is missing still has its words
  const versions = texts(s.texts);
  return {
    id: s.id,
    kind,
    // the old fields are texts[0] on a new manifest; read from it when the server left them out
    title: str(s.title, versions?.[0].title ?? ''),
    html: str(s.html, versions?.[0].html ?? ''),
    language: str(s.language) || versions?.[0].language || null,
    ...(versions ? { texts: versions } : {}),
    durationSeconds: s.durationSeconds,
    until: s.until ?? null,
    institution: s.institution && typeof s.institution === 'object'
      ? { name: str(s.institution.name), colour: str(s.institution.colour) }
      : null,
    media: m,
    link: link(s.link),
  };
}

/** The manifest in a known shape, or null when it is not a manifest at all. */
export function normalizeManifest(json) {
  if (!json || typeof json !== 'object' || !Array.isArray(json.slides)) return null;
  const all = json.slides.map(slide);
  const screen = json.screen && typeof json.screen === 'object' ? json.screen : {};
  const width = positive(screen.width, 1920);
  const height = positive(screen.height, 1080);
  return {
    screen: {
      slug: str(screen.slug),
      name: str(screen.name),
      orientation: screen.orientation === 'portrait' || screen.orientation === 'landscape'
        ? screen.orientation
        : (height > width ? 'portrait' : 'landscape'),
      layout: LAYOUTS.has(screen.layout) ? screen.layout : 'full',
      languages: Array.isArray(screen.languages) ? screen.languages.filter((l) => typeof l === 'string') : [],
      width,
      height,
      timeZone: str(screen.timeZone) || str(json.timeZone) || 'Europe/Copenhagen',
      // the date, clock and next title under a full-layout slide (the station's screens)
      infoBand: screen.infoBand === true,
      // the station's next trains: in the side column, as a slide of their own, or not at all
      departures: screen.departures === 'zone' || screen.departures === 'slide' ? screen.departures : 'off',
      // a touch screen offers "Hvad sker der? / What's on" (touch-view.js)
      touch: screen.touch === true,
    },
    campusName: str(json.campusName) || 'Campus Albertslund',
    serverTime: str(json.serverTime) || null,
    generatedAt: str(json.generatedAt) || null,
    nextChangeAt: str(json.nextChangeAt) || null,
    emergency: json.emergency === true,
    slides: all.filter(Boolean),
    turns: turnsOf(json.turns, all),
  };
}

/**
 * The play order on a screen that shares airtime between institutions (the server's
 * docs/ARCHITECTURE.md, "Fair airtime"): positions in the slides, one per showing. Read
 * against the slides kept, so a slide left out as unreadable is left out of the order
 * too; null when there is no order (the slides then play as listed).
 */
function turnsOf(turns, all) {
  if (!Array.isArray(turns)) return null;
  const kept = [];
  let n = 0;
  all.forEach((s, i) => { if (s) kept[i] = n++; });
  const order = turns.filter((i) => Number.isInteger(i) && kept[i] !== undefined).map((i) => kept[i]);
  return order.length > 0 ? order : null;
}

/** The media files the manifest needs, once each: [{ url, sha256, bytes, type }]. */
export function mediaItems(manifest) {
  const seen = new Map();
  for (const s of manifest?.slides ?? []) {
    const m = s.media;
    if (m && !seen.has(m.sha256)) seen.set(m.sha256, { url: m.url, sha256: m.sha256, bytes: m.bytes, type: m.type });
  }
  return [...seen.values()];
}
