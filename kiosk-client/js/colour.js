// Institution colours used as accents. Pure. A colour that is not "#rrggbb" is not used at
// all (it goes into a CSS custom property, so nothing else may get through), and text on
// an accent is white or near-black, whichever reads better (WCAG contrast).

export const FALLBACK = '#4b5d6e';
const DARK_TEXT = '#111111';
const LIGHT_TEXT = '#ffffff';

/** The colour when it is a plain "#rrggbb", else the fallback. */
export function safeColour(value, fallback = FALLBACK) {
  return typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value) ? value.toLowerCase() : fallback;
}

function channel(c) {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of "#rrggbb". */
export function luminance(hex) {
  const n = parseInt(safeColour(hex).slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** WCAG contrast ratio between two "#rrggbb" colours (1 to 21). */
export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** White on the accent when that reaches 4.5:1, else whichever of white and near-black contrasts more. */
export function textOn(background) {
  const bg = safeColour(background);
  if (contrast(bg, LIGHT_TEXT) >= 4.5) return LIGHT_TEXT;
  return contrast(bg, DARK_TEXT) > contrast(bg, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT;
}
