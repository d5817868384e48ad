// The second line of defence for announcement HTML. The server already sanitises it; the
// player still parses it in an inert <template> and runs this filter over the fragment
// before it reaches the page. Strict on purpose: only the elements Markdown produces stay,
// elements that can run, load or embed something go with their content, anything else
// is unwrapped (its text kept), and attributes are dropped except a handful of harmless
// ones. Links lose their href: a kiosk must never navigate away from the player.
//
// DOM-free: it uses only childNodes, nodeType, nodeName, attributes, removeAttribute,
// remove() and replaceWith(), so tests can run it on a tiny stand-in tree.

const KEEP = new Set([
  'P', 'BR', 'EM', 'STRONG', 'B', 'I', 'U', 'S', 'SMALL', 'SUB', 'SUP', 'SPAN', 'MARK',
  'UL', 'OL', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'CODE', 'PRE', 'A', 'HR',
]);

const DROP_WITH_CONTENT = new Set([
  'SCRIPT', 'STYLE', 'IFRAME', 'FRAME', 'FRAMESET', 'OBJECT', 'EMBED', 'APPLET', 'TEMPLATE',
  'NOSCRIPT', 'NOEMBED', 'NOFRAMES', 'LINK', 'META', 'BASE', 'TITLE', 'HEAD', 'SVG', 'MATH',
  'FORM', 'INPUT', 'BUTTON', 'TEXTAREA', 'SELECT', 'OPTION', 'IMG', 'PICTURE', 'VIDEO', 'AUDIO',
  'SOURCE', 'TRACK', 'CANVAS', 'PORTAL', 'DIALOG', 'XMP', 'PLAINTEXT',
]);

const ATTRIBUTES = Object.freeze({
  '*': new Set(['lang', 'dir']),
  OL: new Set(['start']),
});

const ELEMENT = 1;
const TEXT = 3;

/** Whether an element of this name is removed together with everything inside it. */
export function isDangerousElement(name) {
  return DROP_WITH_CONTENT.has(String(name).toUpperCase());
}

/** Whether an element of this name stays (otherwise it is unwrapped or dropped). */
export function isAllowedElement(name) {
  return KEEP.has(String(name).toUpperCase());
}

/** Whether an attribute may stay on an element: never on*, style, href, src, ...; only lang, dir and ol's start. */
export function isAllowedAttribute(elementName, attributeName, value) {
  const attr = String(attributeName).toLowerCase();
  if (attr.startsWith('on')) return false;
  const own = ATTRIBUTES[String(elementName).toUpperCase()];
  if (!ATTRIBUTES['*'].has(attr) && !(own && own.has(attr))) return false;
  if (attr === 'start') return /^[0-9]{1,6}$/.test(String(value));
  if (attr === 'dir') return /^(ltr|rtl|auto)$/i.test(String(value));
  if (attr === 'lang') return /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(String(value));
  return true;
}

/**
 * Cleans `root`'s descendants in place (root itself, a DocumentFragment or element, is kept).
 * Returns a count of what was removed, for the log.
 */
export function cleanTree(root) {
  const removed = { elements: 0, attributes: 0 };
  walk(root, removed);
  return removed;
}

function walk(parent, removed) {
  for (const node of Array.from(parent.childNodes ?? [])) {
    if (node.nodeType === TEXT) continue;
    if (node.nodeType !== ELEMENT) {
      node.remove(); // comments, processing instructions
      continue;
    }
    const name = String(node.nodeName).toUpperCase();
    if (DROP_WITH_CONTENT.has(name)) {
      node.remove();
      removed.elements++;
      continue;
    }
    walk(node, removed);
    if (!KEEP.has(name)) {
      node.replaceWith(...Array.from(node.childNodes ?? []));
      removed.elements++;
      continue;
    }
    for (const attr of Array.from(node.attributes ?? [])) {
      if (!isAllowedAttribute(name, attr.name, attr.value)) {
        node.removeAttribute(attr.name);
        removed.attributes++;
      }
    }
  }
}
