// Live previews on the dashboard: each screen card gets a small copy of what its kiosk
// shows, drawn by the kiosk's own player (/kiosk/js/player.js) inside a shadow root, so
// the kiosk's styles and element ids stay apart from the page and from each other. The
// data is the screen's manifest, read from the dashboard (cookie-authenticated, read-only).
// Without scripts the cards still list the titles; this only adds the pictures.

import { playerIn } from '/admin/assets/slide-preview.js';

const REFRESH_MS = 30_000;

const SKELETON = `
  <link rel="stylesheet" href="/kiosk/styles.css">
  <link rel="stylesheet" href="/admin/assets/dashboard-preview.css">
  <div id="kiosk" data-state="playing" data-emergency="false" data-online="true" data-layout="full">
    <section id="starting" class="view" hidden></section>
    <section id="pairing" class="view" hidden></section>
    <section id="player" class="view player">
      <div id="stage" class="stage">
        <div id="main" class="main">
          <div id="slides" class="slides"></div>
          <p id="clock" class="clock" data-clock></p>
        </div>
        <aside id="side" class="side">
          <p class="side-clock" data-clock></p>
          <p class="side-date" data-date></p>
          <ol id="side-next" class="side-next"></ol>
        </aside>
        <div id="ticker" class="ticker"><div id="ticker-track" class="ticker-track"></div></div>
      </div>
    </section>
  </div>
  <template id="logo-template"><svg class="logo" viewBox="0 0 120 120" aria-hidden="true" focusable="false"></svg></template>`;

/** One preview: its shadow root, the player drawing into it, and the slide on show. */
function preview(box) {
  const shadow = box.attachShadow({ mode: 'open' });
  // the markup is a constant of this file; nothing from the server goes in as HTML here
  shadow.innerHTML = SKELETON;
  // the player measures a slide's words to fit them; measured before the kiosk's styles
  // have loaded, a long word would be left clipped at full size
  const styled = Promise.all(Array.from(shadow.querySelectorAll('link[rel="stylesheet"]'), (link) =>
    new Promise((resolve) => {
      link.addEventListener('load', resolve, { once: true });
      link.addEventListener('error', resolve, { once: true });
    })));
  const width = Number(box.dataset.width) || 1920;
  const height = Number(box.dataset.height) || 1080;
  box.style.aspectRatio = `${width} / ${height}`;
  const player = playerIn(shadow);
  let shownKey = null;

  async function show(manifest) {
    await styled;
    player.setScreen(manifest.screen);
    player.setEmergency(manifest.emergency);
    const slide = manifest.slides[0];
    const key = slide ? `${slide.id}:${slide.language}:${slide.title}` : 'standby';
    if (key === shownKey) return;
    // a box not yet drawn is display: none, where the words measure as nothing and a long
    // one would not be fitted; while preparing it is laid out, unseen
    box.classList.add('measuring');
    try {
      const handle = slide
        ? await player.prepare(slide, { key, src: slide.media?.url, emergency: manifest.emergency })
        : player.prepareStandby({ campusName: 'Campus Albertslund', screenName: manifest.screen.name, emergency: manifest.emergency });
      player.commit(handle);
      box.classList.add('drawn');
      shownKey = key;
    } finally {
      box.classList.remove('measuring');
    }
  }

  return { slug: box.dataset.preview, show };
}

async function refresh(previews) {
  for (const p of previews) {
    try {
      const response = await fetch(`/admin/dashboard/screens/${encodeURIComponent(p.slug)}/now`, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (response.ok) await p.show(await response.json());
    } catch {
      // a preview that cannot load keeps its last picture; the titles beside it are the record
    }
  }
}

const previews = Array.from(document.querySelectorAll('[data-preview]')).map(preview);
if (previews.length > 0) {
  // one chained timer, so a slow round never overlaps the next
  const tick = async () => {
    await refresh(previews);
    setTimeout(tick, REFRESH_MS);
  };
  tick();
}
