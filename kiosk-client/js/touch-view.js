// The touch kiosk's "Hvad sker der? / What's on" view (issue 16, part 3): a layer over the
// rotation, opened by a touch anywhere on the playing screen, closed by its button or after
// IDLE_MS untouched. The rotation plays on underneath, so closing is instant.
//
// It follows player.js's rules (that module's header): text goes in with textContent,
// elements with createElement / createElementNS, a message's HTML only through an inert
// <template> and sanitize.js; no inline script or style (the kiosk's CSP, README.md "Security"),
// only CSS custom properties set through the CSSOM. Nothing is typed and nothing is kept:
// the view forgets its day, institution and language each time it closes.
//
// Hooks for tests: #touch-open, #touch[data-language][data-day][data-institution],
// [data-touch=language|close|back], .touch-day[data-day][aria-pressed],
// .touch-institution[data-institution][aria-pressed], .touch-item[data-message-id],
// #touch-detail[data-message-id] with .touch-link[data-address] when the message has a link.

import { cleanTree } from './sanitize.js';
import { qrFigure } from './player.js';
import { safeColour, textOn } from './colour.js';
import { createIdle, filtered, institutionsOf, messagesOf, showingsOf, textIn, timesOn, weekDays, words, dayKey, IDLE_MS } from './touch.js';

export function createTouchView({
  document: doc = globalThis.document,
  manifest, // () => the kept manifest (store.js), read each time the view opens
  now = () => Date.now(),
  idleMs = IDLE_MS,
  timeZone = 'Europe/Copenhagen',
  setTimeout: set = (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: clear = (id) => globalThis.clearTimeout(id),
}) {
  const player = doc.getElementById('player');
  let state = null; // { language, day, institution, detail } while open
  let messages = [];
  let showings = null;

  const el = (tag, className, text) => {
    const e = doc.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  };
  const button = (className, text, data = {}) => {
    const b = el('button', className, text);
    b.type = 'button';
    for (const [k, v] of Object.entries(data)) b.dataset[k] = v;
    return b;
  };

  const opener = button('touch-open', `${words('da').open}\u00a0· ${words('en').open}`);
  opener.id = 'touch-open';
  const view = el('section', 'touch');
  view.id = 'touch';
  view.hidden = true;
  view.setAttribute('role', 'dialog');
  view.setAttribute('aria-modal', 'true');
  view.setAttribute('aria-labelledby', 'touch-title');
  player.append(opener, view);

  const idle = createIdle({ idleMs, onIdle: () => close(), setTimeout: set, clearTimeout: clear });

  function open() {
    // only on a touch screen (the screen's setting, player.js setScreen); an emergency is never
    // covered (styles.css hides the view in both cases too)
    const kiosk = doc.getElementById('kiosk');
    if (state || kiosk?.dataset.touch !== 'true' || kiosk?.dataset.emergency === 'true') return;
    const kept = manifest();
    messages = messagesOf(kept);
    showings = showingsOf(kept);
    state = { language: 'da', day: dayKey(now(), timeZone), institution: null, detail: null };
    view.hidden = false;
    opener.hidden = true;
    draw();
    idle.touch();
  }

  function close() {
    idle.stop();
    state = null;
    view.hidden = true;
    opener.hidden = false;
    view.replaceChildren();
  }

  /** Announcement HTML → a cleaned fragment, as player.js does it. */
  function fragment(html) {
    const template = doc.createElement('template');
    template.innerHTML = html;
    cleanTree(template.content);
    return doc.importNode(template.content, true);
  }

  function accent(node, slide) {
    const colour = safeColour(slide.institution?.colour);
    node.style.setProperty('--accent', colour);
    node.style.setProperty('--on-accent', textOn(colour));
  }

  function untilText(slide, w) {
    const until = Date.parse(slide.until ?? '');
    if (!Number.isFinite(until)) return null;
    const format = new Intl.DateTimeFormat(state.language === 'en' ? 'en-GB' : 'da-DK',
      { timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
    return `${w.until} ${format.format(until)}`;
  }

  /** "10:00–18:00", "fra 19:00", "til 12:00" on the chosen day; null when the message is on all day. */
  function timesText(slide, w) {
    const times = timesOn(slide, state.day, { showings, timeZone });
    if (times.length === 0) return null;
    return times.map((t) => (t.from && t.until ? `${t.from}–${t.until}` : t.from ? `${w.from.toLowerCase()} ${t.from}` : `${w.until.toLowerCase()} ${t.until}`))
      .join(', ');
  }

  function draw() {
    const w = words(state.language);
    view.lang = state.language;
    view.dataset.language = state.language;
    view.dataset.day = state.day;
    view.dataset.institution = state.institution ?? '';

    const head = el('header', 'touch-head');
    const title = el('h1', 'touch-title', w.heading);
    title.id = 'touch-title';
    const language = button('touch-button touch-language', w.language, { touch: 'language' });
    language.lang = w.languageCode;
    head.append(title, language, button('touch-button touch-close', w.close, { touch: 'close' }));

    if (state.detail != null) {
      view.replaceChildren(head, detail(messages.find((m) => m.id === state.detail), w));
      return;
    }

    const days = el('nav', 'touch-days');
    days.setAttribute('aria-label', w.days);
    for (const day of weekDays(now(), { timeZone, language: state.language })) {
      const b = button('touch-button touch-day', day.label, { day: day.key });
      b.setAttribute('aria-pressed', String(day.key === state.day));
      days.append(b);
    }
    const institutions = el('nav', 'touch-institutions');
    institutions.setAttribute('aria-label', w.institutions);
    const all = button('touch-button touch-institution', w.all, { institution: '' });
    all.setAttribute('aria-pressed', String(state.institution == null));
    institutions.append(all);
    for (const name of institutionsOf(messages)) {
      const b = button('touch-button touch-institution', name, { institution: name });
      b.setAttribute('aria-pressed', String(name === state.institution));
      institutions.append(b);
    }

    const shown = filtered(messages, { day: state.day, institution: state.institution, timeZone, showings });
    const list = el('ul', 'touch-list');
    for (const slide of shown) {
      const text = textIn(slide, state.language);
      const item = button('touch-item', null, { messageId: String(slide.id) });
      if (text.language) item.lang = text.language;
      accent(item, slide);
      item.append(el('span', 'touch-item-title', text.title), el('span', 'touch-item-institution', slide.institution?.name ?? ''));
      const times = timesText(slide, w);
      if (times) item.append(el('span', 'touch-item-times', times));
      const li = el('li');
      li.append(item);
      list.append(li);
    }
    const parts = [head, days, institutions, list];
    if (shown.length === 0) parts.push(el('p', 'touch-none', w.none));
    view.replaceChildren(...parts);
  }

  function detail(slide, w) {
    const box = el('article', 'touch-detail');
    box.id = 'touch-detail';
    if (!slide) return box;
    box.dataset.messageId = String(slide.id);
    accent(box, slide);
    const text = textIn(slide, state.language);
    const words_ = el('div', 'touch-detail-words');
    if (text.language) words_.lang = text.language;
    words_.append(el('h2', 'touch-detail-title', text.title ?? ''));
    if (slide.institution?.name) words_.append(el('p', 'touch-detail-institution', slide.institution.name));
    const until = untilText(slide, w);
    if (until) words_.append(el('p', 'touch-detail-until', until));
    if (typeof text.html === 'string' && text.html.trim() !== '') {
      const body = el('div', 'touch-detail-html');
      body.append(fragment(text.html));
      words_.append(body);
    }
    box.append(words_);
    const link = qrFigure(doc, slide.link, 'touch-link', slide.link ? `${w.scan}: ${slide.link.label}` : '');
    if (link) box.append(link);
    box.append(button('touch-button touch-back', w.back, { touch: 'back' }));
    return box;
  }

  // any touch on the playing screen opens the view
  player.addEventListener('click', (e) => {
    if (!state && !view.contains(e.target)) open();
  });
  view.addEventListener('pointerdown', () => idle.touch());
  view.addEventListener('keydown', () => idle.touch());
  view.addEventListener('click', (e) => {
    e.stopPropagation(); // a touch inside the view is not a touch on the rotation (which would open it again)
    if (!state) return;
    idle.touch();
    const target = e.target.closest?.('button');
    if (!target) return;
    const action = target.dataset.touch;
    if (action === 'close') return close();
    if (action === 'language') state.language = state.language === 'da' ? 'en' : 'da';
    else if (action === 'back') state.detail = null;
    else if (target.dataset.day) state.day = target.dataset.day;
    else if (target.dataset.institution != null) state.institution = target.dataset.institution || null;
    else if (target.dataset.messageId) state.detail = Number(target.dataset.messageId);
    draw();
    // keep the focus on the same control after a redraw, for keyboards and screen readers
    const same = action ? view.querySelector(`[data-touch="${action === 'back' ? 'close' : action}"]`) : null;
    same?.focus();
  });

  return {
    open,
    close,
    get isOpen() {
      return state !== null;
    },
    snapshot() {
      return state ? { open: true, ...state, idleMs } : { open: false, idleMs };
    },
  };
}
