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

function slide(s) {
  if (!s || typeof s !== 'object' || (typeof s.id !== 'number' && typeof s.id !== 'string')) return null;
  const m = media(s.media);
  let kind = KINDS.has(s.kind) ? s.kind : 'text';
  if (kind !== 'text' && !m) kind = 'text'; // an image slide whose image is missing still has its words
  return {
    id: s.id,
    kind,
    title: str(s.title),
    html: str(s.html),
    language: str(s.language) || null,
    durationSeconds: s.durationSeconds,
    until: s.until ?? null,
    institution: s.institution && typeof s.institution === 'object'
      ? { name: str(s.institution.name), colour: str(s.institution.colour) }
      : null,
    media: m,
  };
}

/** The manifest in a known shape, or null when it is not a manifest at all. */
export function normalizeManifest(json) {
  if (!json || typeof json !== 'object' || !Array.isArray(json.slides)) return null;
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
    },
    campusName: str(json.campusName) || 'Campus Albertslund',
    serverTime: str(json.serverTime) || null,
    generatedAt: str(json.generatedAt) || null,
    nextChangeAt: str(json.nextChangeAt) || null,
    emergency: json.emergency === true,
    slides: json.slides.map(slide).filter(Boolean),
  };
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
