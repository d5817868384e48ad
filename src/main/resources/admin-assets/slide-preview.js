// A slide drawn by the kiosk player's own renderer (/kiosk/js/player.js, which has no
// side effects on import) at the real shape of a landscape or a portrait screen, inside a
// shadow root with the kiosk's stylesheet, so the staff page's styles and the kiosk's
// never meet. The editor draws what is being typed; the approval queue and the
// announcement page draw what was stored, from the slide in each box's data-slide, once
// per language: on a screen the languages take turns on one slide, and an approver should
// read each of them, not only the one that happened to be showing.

import { createPlayer } from '/kiosk/js/player.js';

const SCREENS = {
  landscape: { width: 1920, height: 1080, layout: 'full', orientation: 'landscape' },
  portrait: { width: 1080, height: 1920, layout: 'full', orientation: 'portrait' },
};

/** A kiosk player drawing into a shadow root: it looks its elements up by id, here in the root. */
export function playerIn(shadow) {
  const doc = {
    getElementById: (id) => shadow.getElementById(id),
    createElement: (tag) => document.createElement(tag),
    // a message's QR code is SVG (kiosk-client/js/player.js, linkElement)
    createElementNS: (ns, tag) => document.createElementNS(ns, tag),
    createRange: () => document.createRange(),
    importNode: (node, deep) => document.importNode(node, deep),
  };
  return createPlayer({ document: doc, window });
}

export function element(tag, attributes = {}, children = []) {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) e.setAttribute(name, value);
  e.append(...children);
  return e;
}

/** A kiosk stage inside the box, and a player that draws on it. */
export function screen(box) {
  const orientation = box.dataset.orientation;
  const shadow = box.attachShadow({ mode: 'open' });
  const slides = element('div', { id: 'slides', class: 'slides' });
  const kiosk = element('div', { id: 'kiosk', 'data-state': 'playing', 'data-layout': 'full', 'data-orientation': orientation }, [
    element('section', { id: 'player', class: 'view player' }, [
      element('div', { id: 'stage', class: 'stage' }, [element('div', { id: 'main', class: 'main' }, [slides])]),
    ]),
  ]);
  shadow.append(
    element('link', { rel: 'stylesheet', href: '/kiosk/styles.css' }),
    element('link', { rel: 'stylesheet', href: '/admin/assets/announcement-preview.css' }),
    kiosk,
  );
  const player = playerIn(shadow);
  player.setScreen(SCREENS[orientation]);
  let drawn = 0;
  return {
    /** Draws `slide`; `textIndex` pins a slide with several languages to that one. */
    async show(slide, src, { textIndex } = {}) {
      const turn = ++drawn;
      try {
        const handle = await player.prepare(slide, { key: `preview-${turn}`, src, textIndex });
        if (turn === drawn) player.commit(handle);
        else player.discard(handle);
      } catch {
        // a picture that cannot be loaded: show the words alone
        if (turn === drawn && slide.kind !== 'text') await this.show({ ...slide, kind: 'text' }, null, { textIndex });
      }
    },
  };
}

/**
 * "Dansk" from the box's data-caption-da (the page says the language's name in the staff
 * member's words), else the bare language code.
 */
function captionFor(box, language) {
  if (!language) return '?';
  const key = `caption${language.charAt(0).toUpperCase()}${language.slice(1).toLowerCase()}`;
  return box.dataset[key] || language;
}

/**
 * One small stage per language inside the box, each with its caption and a player of its
 * own (a stage per shadow root: the player finds its parts by id), each pinned to its text.
 */
function screensPerLanguage(box, slide, texts) {
  const orientation = box.dataset.orientation;
  const shadow = box.attachShadow({ mode: 'open' });
  const frames = element('div', { class: 'preview-frames' });
  const stages = texts.map((text) => {
    const stage = element('div', { class: 'preview-frame', 'data-orientation': orientation });
    if (text.language) stage.setAttribute('lang', text.language);
    const caption = element('p', { class: 'preview-caption' }, [captionFor(box, text.language)]);
    frames.append(element('div', { class: 'preview-language' }, [caption, stage]));
    return stage;
  });
  box.dataset.frames = String(texts.length);
  shadow.append(element('link', { rel: 'stylesheet', href: '/admin/assets/announcement-preview.css' }), frames);
  const src = slide.media?.url ?? null;
  stages.forEach((stage, textIndex) => screen(stage).show(slide, src, { textIndex }));
}


/**
 * Every stored slide on the page, drawn once per language it has; the server's simple
 * rendering stays until then. A slide without `texts` (or with one) is one frame, as before.
 */
export function drawStoredSlides(root = document) {
  for (const box of root.querySelectorAll('.preview-screen[data-slide]')) {
    const slide = JSON.parse(box.dataset.slide);
    const texts = Array.isArray(slide.texts) ? slide.texts.filter((t) => t && typeof t === 'object') : [];
    box.replaceChildren();
    if (texts.length > 1) screensPerLanguage(box, slide, texts);
    else screen(box).show(slide, slide.media?.url ?? null);
  }
}

/** A readability verdict as the server answers it, drawn as the editor and the submission form show it. */
export function verdictElement(verdict) {
  const badge = { ok: 'ok', warning: 'warn', problem: 'bad' }[verdict.result] ?? '';
  const result = element('p', { class: 'verdict-result' }, [
    element('span', { class: `badge ${badge}` }, [verdict.label]),
    ' ',
    element('span', { class: 'verdict-words' }, [verdict.wordsLabel]),
  ]);
  const root = element('div', { class: 'verdict', 'data-verdict': verdict.result }, [result]);
  const findings = verdict.findings ?? [];
  if (findings.length > 0) {
    root.append(element('ul', { class: 'findings' },
      findings.map((f) => element('li', { class: `finding finding--${f.severity}` }, [f.text]))));
  }
  return root;
}

// Files picked but not yet uploaded, by their object URL. The kiosk player fetches a
// picture's bytes instead of pointing the <img> at its URL, and the page's CSP lets fetch
// reach only this server (connect-src 'self'), so a blob: URL of a picked file would be
// refused; these few are answered from the file itself, everything else goes out as before.
const pickedFiles = new Map();
let fetchFromServer = null;

/** An object URL for a file picked in a form, which the preview's player can fetch; see above. */
export function pickedFileUrl(file) {
  if (!fetchFromServer) {
    fetchFromServer = globalThis.fetch.bind(globalThis);
    globalThis.fetch = (resource, options) => {
      const picked = typeof resource === 'string' ? pickedFiles.get(resource) : undefined;
      return picked ? Promise.resolve(new Response(picked, { headers: { 'Content-Type': picked.type } })) : fetchFromServer(resource, options);
    };
  }
  const url = URL.createObjectURL(file);
  pickedFiles.set(url, file);
  return url;
}

export function forgetPickedFile(url) {
  URL.revokeObjectURL(url);
  pickedFiles.delete(url);
}

/**
 * Posts the words being typed to the page's preview address; the answer is the body as the
 * screen gets it and the readability verdict, or null when the server could not be asked
 * (offline for a moment: the next keystroke asks again).
 */
export async function askPreview(url, fields) {
  try {
    const response = await fetch(url, {
      method: 'POST',
      body: fields,
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

const DEBOUNCE_MS = 400;

/**
 * One language version being typed, drawn live: a keystroke in the headline redraws at
 * once; the words go to the server after a pause ({@link askPreview}), whose answer brings
 * the body as the screen gets it and the verdict, shown in `readability`. An answer
 * overtaken by a later question is dropped. `draw(html)` draws the slide; `fields()` are
 * the form fields to post. Used by the staff editor and the submission form alike.
 */
export function liveVersion({ title, body, readability, url, fields, draw }) {
  let html = '';
  let timer = null;
  let asked = 0;
  const redraw = () => draw(html);

  async function check() {
    const turn = ++asked;
    const answer = await askPreview(url, fields());
    if (!answer || turn !== asked) return;
    html = answer.html;
    redraw();
    const empty = title.value.trim() === '' && body.value.trim() === '';
    readability.replaceChildren(...(empty ? [] : [verdictElement(answer.verdict)]));
  }

  function changed() {
    clearTimeout(timer);
    timer = setTimeout(check, DEBOUNCE_MS);
  }

  title.addEventListener('input', () => {
    redraw();
    changed();
  });
  body.addEventListener('input', changed);
  return { draw: redraw, check, changed };
}
