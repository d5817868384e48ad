// A slide drawn by the kiosk player's own renderer (/kiosk/js/player.js, which has no
// side effects on import) at the real shape of a landscape or a portrait screen, inside a
// shadow root with the kiosk's stylesheet, so the staff page's styles and the kiosk's
// never meet. The editor draws what is being typed; the approval queue and the
// announcement page draw what was stored, from the slide in each box's data-slide.

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
    async show(slide, src) {
      const turn = ++drawn;
      try {
        const handle = await player.prepare(slide, { key: `preview-${turn}`, src });
        if (turn === drawn) player.commit(handle);
        else player.discard(handle);
      } catch {
        // a picture that cannot be loaded: show the words alone
        if (turn === drawn && slide.kind !== 'text') await this.show({ ...slide, kind: 'text' }, null);
      }
    },
  };
}


/** Every stored slide on the page, drawn once; the server's simple rendering stays until then. */
export function drawStoredSlides(root = document) {
  for (const box of root.querySelectorAll('.preview-screen[data-slide]')) {
    const slide = JSON.parse(box.dataset.slide);
    box.replaceChildren();
    screen(box).show(slide, slide.media?.url ?? null);
  }
}
