// The only module that touches the DOM. Text goes in with textContent; announcement HTML
// (sanitised by the server) is parsed in an inert <template>, filtered again by
// sanitize.js, and only then adopted into the page.
//
// Slides are prepared off-screen (image decoded, video able to play, text fitted) and only
// then committed, so a broken or half-loaded file never flashes on screen; the previous
// slide fades out underneath. Stable hooks for tests and technicians:
//   #kiosk[data-state=starting|pairing|playing][data-emergency][data-online][data-layout][data-manifest-etag]
//   #pairing-code[data-code], #slide[data-slide-id][data-slide-key][data-kind][data-language]
//   [data-languages][data-text-index] [data-media-sha256] with its img/video[data-src] (the
//   media URL; an image's src is a blob of the checked bytes), its words in
//   .slide-lang-block[lang][data-language] (.off when another language shows),
//   (#slide.standby for the standby slide), #clock, #side-next, #ticker, #info-band, #info-next,
//   and a message's link as .slide-link[data-address] (its QR code svg and short address).
//
// A bilingual slide holds all its texts at once, stacked in one place and each fitted on
// its own, so changing language is a cross-fade with nothing to load or measure on screen.

import { cleanTree } from './sanitize.js';
import { safeColour, textOn } from './colour.js';
import { dateAndTime, formatTime, screenLanguage } from './clock.js';
import { delayText } from './departures.js';
import { textsOf } from './texts.js';

const SVG = 'http://www.w3.org/2000/svg';
/** QR versions 1 to 40, with the quiet zone of 4 modules on each side. */
const QR_MODULES = { min: 21 + 8, max: 177 + 8 };
const QR_PATH = /^[Mhvz0-9 -]+$/;

/**
 * A message's link: its QR code drawn as SVG from the manifest's path data (elements and
 * attributes only, never markup), dark on a white square that carries the quiet zone, and
 * the caption under it; classes `${prefix}`, `${prefix}-code`, `${prefix}-label`. The
 * slide sizes it from the server's figures (docs/LINKS.md), the touch view by its own CSS.
 * Null when the manifest's link is not one.
 */
export function qrFigure(doc, link, prefix, caption) {
  const modules = link?.modules;
  if (!Number.isInteger(modules) || modules < QR_MODULES.min || modules > QR_MODULES.max
      || typeof link.qrPath !== 'string' || !QR_PATH.test(link.qrPath) || typeof link.label !== 'string') {
    return null;
  }
  const box = doc.createElement('figure');
  box.className = prefix;
  box.dataset.address = link.address;
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('class', `${prefix}-code`);
  svg.setAttribute('viewBox', `0 0 ${modules} ${modules}`);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `QR: ${link.label}`);
  const light = doc.createElementNS(SVG, 'rect');
  light.setAttribute('width', String(modules));
  light.setAttribute('height', String(modules));
  light.setAttribute('fill', '#ffffff');
  const dark = doc.createElementNS(SVG, 'path');
  dark.setAttribute('d', link.qrPath);
  dark.setAttribute('fill', '#111111');
  const label = doc.createElement('figcaption');
  label.className = `${prefix}-label`;
  label.textContent = caption;
  svg.append(light, dark);
  box.append(svg, label);
  return box;
}
const TRANSITION_MS = 700;
const IMAGE_TIMEOUT_MS = 10_000;
const VIDEO_TIMEOUT_MS = 15_000;
const STALL_MS = 10_000;
/** Long enough to see the words change, short enough that neither language is half-read. */
export const TEXT_FADE_MS = 500;

/** The cross-fade between a slide's languages: none when the viewer asked for less motion. */
export function textFadeMs(reducedMotion) {
  return reducedMotion ? 0 : TEXT_FADE_MS;
}

/** "DA · EN": the language codes of a slide's texts, for its small language marker. */
export function languageCodes(texts) {
  return texts.map((t) => String(t.language ?? '?').toUpperCase());
}

/**
 * "Vigtig meddelelse · Important": the separator is held to the word before it by a
 * no-break space, so a narrow portrait screen breaks after the "·", never leaving it
 * alone at the start or end of a line.
 */
export function separated(...parts) {
  return parts.filter((p) => p != null && String(p).trim() !== '').join('\u00a0· ');
}

const NBSP = '\u00a0';
const WORD_JOINER = '\u2060'; // unlike a no-break space, it also holds after a dash

/**
 * "kl. 7–9" read as one piece: no line break after "kl." nor on either side of the dash
 * in a range of numbers, so a narrow screen never leaves "kl." or "7–" at a line end.
 */
export function keepTogether(text) {
  return String(text)
    .replace(/\b(kl\.) +(?=\d)/gi, `$1${NBSP}`)
    .replace(/(\d)([ \u00a0]*)([–-])([ \u00a0]*)(?=\d)/g,
      (_, digit, before, dash, after) => `${digit}${NBSP.repeat(before.length)}${WORD_JOINER}${dash}${WORD_JOINER}${NBSP.repeat(after.length)}`);
}

/** keepTogether() on every text node under `node`, leaving the markup as it is. */
function keepTextTogether(node) {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) child.nodeValue = keepTogether(child.nodeValue);
    else keepTextTogether(child);
  }
}

export function createPlayer({
  document: doc = globalThis.document,
  window: win = globalThis.window,
  fetch: fetchMedia = (...args) => globalThis.fetch(...args),
  onSlideFailed = () => {},
} = {}) {
  const $ = (id) => doc.getElementById(id);
  const root = $('kiosk');
  const slides = $('slides');
  const reducedMotion = win.matchMedia?.('(prefers-reduced-motion: reduce)');
  let current = null; // the committed handle
  let timeZone = 'Europe/Copenhagen';
  let language = 'da';
  let lastUpcoming = '';
  let lastTicker = '';
  let lastClock = null; // the time last shown (the server's, when the kiosk's own clock is off)
  let departuresView = { show: false, live: false, rows: [], stopName: '' };
  let lastDepartures = '';
  let screenWidth = 1920; // the screen's pixels across, which the manifest's sizes are in

  function el(tag, className, text) {
    const e = doc.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  function logo() {
    return $('logo-template').content.firstElementChild.cloneNode(true);
  }

  function transitionMs() {
    return reducedMotion?.matches ? 0 : TRANSITION_MS;
  }

  /** Announcement HTML → a cleaned fragment; never innerHTML on the live page. */
  function fragment(html) {
    const template = doc.createElement('template');
    template.innerHTML = html;
    cleanTree(template.content);
    return doc.importNode(template.content, true);
  }

  function hasText(html) {
    return typeof html === 'string' && html.replace(/<[^>]*>/g, '').trim() !== '';
  }

  /**
   * Shrinks the text of a slide until it fits its box, never below half size. While it
   * measures, words may not break, so a long Danish compound ("Ungdomsklubberne") makes
   * the type smaller instead of being split without a hyphen; only a word too long even
   * at half size is broken.
   */
  function fit(box, parts = box?.children) {
    if (!box) return;
    // a word running into a part's padding counts as not fitting, as does the box overflowing
    const range = doc.createRange();
    const intrudes = (e) => {
      range.selectNodeContents(e);
      const text = range.getBoundingClientRect();
      const outer = e.getBoundingClientRect();
      const style = win.getComputedStyle(e);
      return text.width > 0 && text.right > outer.right - parseFloat(style.paddingRight) + 1;
    };
    const tooWide = () => box.scrollWidth > box.clientWidth + 1 || Array.from(parts).some(intrudes);
    const tooTall = () => box.scrollHeight > box.clientHeight + 1;
    let scale = 1;
    box.classList.add('fitting');
    box.style.setProperty('--fit', '1');
    while (scale > 0.5 && (tooTall() || tooWide())) {
      scale = Math.round((scale - 0.05) * 100) / 100;
      box.style.setProperty('--fit', String(scale));
    }
    // words stay whole unless one is too long even now (text-wrap: balance would otherwise
    // split a word that fits to even out the lines)
    if (tooWide()) box.classList.remove('fitting');
  }

  /** One language's words: its title and its (cleaned) html, marked with its language. */
  function textBlock(text, className) {
    const block = el('div', `${className} slide-lang-block`);
    if (text.language) {
      block.lang = text.language;
      block.dataset.language = text.language;
    }
    const title = el('h1', 'slide-title', keepTogether(text.title ?? ''));
    block.append(title);
    if (hasText(text.html)) {
      const body = el('div', 'slide-html');
      const words = fragment(text.html);
      keepTextTogether(words);
      body.append(words);
      block.append(body);
    }
    return block;
  }

  /**
   * "DA · EN" with the language showing emphasised, so a passer-by knows the other one
   * follows. Only on a slide with more than one language.
   */
  function languageMarker(texts, showing) {
    const marker = el('span', 'slide-languages');
    marker.setAttribute('aria-hidden', 'true');
    languageCodes(texts).forEach((code, i) => {
      if (i > 0) marker.append('\u00a0· '); // a plain string: the staff previews' stand-in document makes elements only
      const item = el('span', i === showing ? 'slide-language current' : 'slide-language', code);
      marker.append(item);
    });
    return marker;
  }

  function footer(slide, marker) {
    const f = el('footer', 'slide-footer');
    if (slide.institution?.name) f.append(el('span', 'slide-institution', slide.institution.name));
    if (marker) f.append(marker);
    return f;
  }

  /** Marks which text is showing: on the article, on the blocks and in the language marker. */
  function markText(handle, index) {
    const text = handle.texts[index];
    const article = handle.element;
    article.dataset.textIndex = String(handle.pinned ?? index);
    if (text?.language) {
      article.dataset.language = text.language;
      article.lang = text.language;
    }
    handle.blocks.forEach((block, i) => {
      block.classList.toggle('off', i !== index);
      if (i === index) block.removeAttribute('aria-hidden');
      else block.setAttribute('aria-hidden', 'true');
    });
    const marker = article.querySelector('.slide-languages');
    if (marker && handle.pinned == null) {
      marker.querySelectorAll('.slide-language').forEach((item, i) => item.classList.toggle('current', i === index));
    }
    handle.text = index;
  }

  function accent(node, slide) {
    const colour = safeColour(slide.institution?.colour);
    node.style.setProperty('--accent', colour);
    node.style.setProperty('--on-accent', textOn(colour));
  }

  function waitFor(target, okEvents, failEvents, ms, what) {
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        for (const e of okEvents) target.removeEventListener(e, ok);
        for (const e of failEvents) target.removeEventListener(e, fail);
      };
      const ok = () => {
        cleanup();
        resolve();
      };
      const fail = () => {
        cleanup();
        reject(new Error(`${what} could not be loaded`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${what} did not load within ${ms / 1000} s`));
      }, ms);
      for (const e of okEvents) target.addEventListener(e, ok, { once: true });
      for (const e of failEvents) target.addEventListener(e, fail, { once: true });
    });
  }

  function release(handle) {
    if (!handle) return;
    handle.stopWatch?.();
    const video = handle.element.querySelector('video');
    if (video) {
      video.pause();
      video.removeAttribute('src');
      video.load(); // gives the decoder and its buffers back
    }
    const img = handle.element.querySelector('img');
    if (img) img.removeAttribute('src');
    if (handle.objectUrl) URL.revokeObjectURL(handle.objectUrl);
    handle.element.remove();
  }

  /**
   * The departures board (departures.js decided what is on it): a heading with the stop,
   * then one row per train: time, line badge in the line's colour, destination, platform,
   * and "+4 min", "Aflyst · Cancelled" or "Planlagt · Planned".
   */
  function departuresBoard(view) {
    const box = el('div', `departures${view.live ? '' : ' departures--planned'}`);
    const head = el('h2', 'departures-title');
    const da = el('span', null, 'Næste tog');
    da.lang = 'da';
    const en = el('span', 'departures-title-en', 'Next trains');
    en.lang = 'en';
    head.append(da, ' · ', en);
    box.append(head);
    if (view.stopName) box.append(el('p', 'departures-stop', view.stopName));
    const list = el('ol', 'departures-rows');
    for (const r of view.rows) {
      const li = el('li', 'departure');
      li.dataset.line = r.line;
      li.dataset.destination = r.destination;
      li.dataset.status = r.cancelled ? 'cancelled' : !r.live ? 'planned' : r.delayMinutes ? 'delayed' : 'on-time';
      if (r.cancelled) li.classList.add('departure--cancelled');
      if (!r.live) li.classList.add('departure--planned');
      const time = el('span', 'departure-time', formatTime(r.cancelled ? r.planned : r.time, timeZone, language));
      const badge = el('span', 'departure-line', r.line);
      const colour = safeColour(r.colour ? `#${r.colour}` : null, '#4c9a2a');
      badge.style.setProperty('--line', colour);
      badge.style.setProperty('--on-line', textOn(colour));
      const where = el('span', 'departure-destination', r.destination);
      const platform = el('span', 'departure-platform');
      platform.append(el('span', 'departure-platform-label', 'Spor · Track'), el('span', 'departure-platform-number', r.platform));
      const status = el('span', 'departure-status',
        r.cancelled ? 'Aflyst · Cancelled' : !r.live ? 'Planlagt · Planned' : delayText(r.delayMinutes));
      li.append(time, badge, where, platform, status);
      list.append(li);
    }
    box.append(list);
    return box;
  }

  /** Sizes the link's room on the slide: the code's side in CSS pixels of this stage. */
  function sizeLink(article, link) {
    const stage = $('stage');
    const scale = stage?.clientWidth ? stage.clientWidth / screenWidth : 1;
    const modulePx = Number.isInteger(link.modulePx) && link.modulePx > 0 ? link.modulePx : 8;
    article.classList.add('has-link');
    article.style.setProperty('--qr-side', `${(link.modules * modulePx * scale).toFixed(2)}px`);
    article.style.setProperty('--qr-label-chars', String(Math.max(1, link.label.length)));
  }

  function slideElement(slide, { emergency, languages }) {
    const article = el('article', `slide slide--${slide.kind} preparing`);
    article.dataset.slideId = String(slide.id);
    article.dataset.kind = slide.kind;
    const language = languages[0] ?? slide.language;
    if (language) {
      article.dataset.language = language;
      article.lang = language;
    }
    if (languages.length > 1) article.dataset.languages = languages.join(' ');
    accent(article, slide);
    if (emergency) {
      article.classList.add('slide--emergency');
      const banner = el('div', 'emergency-banner');
      banner.append(el('span', 'emergency-icon', '!'), el('span', 'emergency-label', separated('Vigtig meddelelse', 'Important')));
      article.append(banner);
    }
    return article;
  }

  /**
   * Builds a slide off-screen and waits until it can be shown. Resolves a handle for
   * commit(), or rejects (the image or video could not be loaded in time).
   *
   * A slide with several texts starts with `firstText` (0: the screen's first language)
   * and changes language when showText() says so. `textIndex` pins it to that one text
   * instead, drawn alone and never changing (staff previews, tests).
   */
  async function prepare(slide, { key, src, emergency = false, textIndex, firstText = 0 }) {
    const all = textsOf(slide);
    const pinned = Number.isInteger(textIndex) && textIndex >= 0 && textIndex < all.length ? textIndex : null;
    const texts = pinned === null ? all : [all[pinned]];
    const article = slideElement(slide, { emergency, languages: all.map((t) => t.language).filter(Boolean) });
    article.dataset.slideKey = key;
    const handle = {
      element: article, key, slide, kind: slide.kind, sha256: slide.media?.sha256 ?? null, objectUrl: null,
      texts, pinned, blocks: [], text: 0,
    };
    if (handle.sha256) article.dataset.mediaSha256 = handle.sha256;
    if (slide.kind === 'departures') {
      article.append(departuresBoard(departuresView));
      slides.append(article);
      return handle;
    }
    // the link's room is set before anything is fitted, so the words fit around it
    const link = qrFigure(doc, slide.link, 'slide-link', slide.link?.label);
    if (link) sizeLink(article, slide.link);
    const withText = slide.kind === 'text' || emergency || texts.some((t) => hasText(t.html));
    if (slide.kind === 'image' || slide.kind === 'video') {
      article.classList.add(withText ? 'has-text' : 'media-only');
      // a picture made for the other orientation is shown whole rather than cropped to a
      // strip; an image fills the rest of its frame with a blurred copy of itself
      const mw = slide.media?.width;
      const mh = slide.media?.height;
      const aw = slides.clientWidth;
      const ah = slides.clientHeight;
      if (mw && mh && aw && ah && Math.abs(Math.log((mw / mh) / (aw / ah))) > Math.log(1.5)) {
        article.classList.add('letterbox');
      }
    }
    slides.append(article);
    try {
      if (slide.kind === 'image') {
        const img = el('img', 'slide-media');
        img.alt = '';
        img.decoding = 'async';
        img.dataset.src = src;
        article.append(img);
        // fetched afresh for every showing (through the service worker, which checks the
        // hash each time) rather than left to the image memory cache, and handed to the
        // <img> as a blob: what is on screen is exactly the bytes that were checked
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), IMAGE_TIMEOUT_MS);
        try {
          const response = await fetchMedia(src, { signal: controller.signal, credentials: 'omit' });
          if (!response.ok) throw new Error(`image: HTTP ${response.status}`);
          handle.objectUrl = URL.createObjectURL(await response.blob());
          img.src = handle.objectUrl;
          await img.decode();
          if (article.classList.contains('letterbox')) {
            const fill = el('div', 'slide-backdrop');
            fill.setAttribute('aria-hidden', 'true');
            fill.style.backgroundImage = `url("${handle.objectUrl}")`;
            article.insertBefore(fill, img);
          }
        } catch (e) {
          throw new Error(controller.signal.aborted ? `image did not load within ${IMAGE_TIMEOUT_MS / 1000} s` : `image could not be loaded (${e?.message ?? e})`);
        } finally {
          clearTimeout(timer);
        }
      } else if (slide.kind === 'video') {
        const video = el('video', 'slide-media');
        video.muted = true;
        video.defaultMuted = true;
        video.loop = true;
        video.playsInline = true;
        video.preload = 'auto';
        video.setAttribute('muted', '');
        video.setAttribute('playsinline', '');
        article.append(video);
        video.dataset.src = src;
        const loaded = waitFor(video, ['canplay'], ['error'], VIDEO_TIMEOUT_MS, 'video');
        video.src = src;
        await loaded;
      }
      if (withText) {
        const start = pinned === null ? Math.min(Math.max(0, firstText | 0), texts.length - 1) : 0;
        const marker = all.length > 1 ? languageMarker(all, pinned ?? start) : null;
        // the texts stacked in one place; each is fitted alone, so the longer English does
        // not shrink the Danish, and a change of language only fades
        const words = el('div', 'slide-words');
        handle.blocks = texts.map((t) => textBlock(t, slide.kind === 'text' ? 'slide-text' : 'slide-panel-text'));
        // marked before anything is measured, so the hidden languages start hidden rather than fading out
        markText(handle, start);
        words.append(...handle.blocks);
        if (slide.kind === 'text') {
          article.append(words, footer(slide, marker));
          for (const block of handle.blocks) fit(block);
        } else {
          const panel = el('div', 'slide-panel');
          panel.append(words);
          // as before: an emergency's institution line sits on the slide, not in the panel
          if (emergency) article.append(footer(slide, marker));
          else panel.append(footer(slide, marker));
          article.append(panel);
          // the panel is what can overflow: fitted with one language in it at a time, the
          // scale kept on that language's block
          for (const block of handle.blocks) {
            for (const other of handle.blocks) other.hidden = other !== block;
            fit(panel, block.children);
            block.style.setProperty('--fit', panel.style.getPropertyValue('--fit') || '1');
            if (!panel.classList.contains('fitting')) block.classList.remove('fitting');
            else block.classList.add('fitting');
            panel.classList.remove('fitting');
            panel.style.removeProperty('--fit');
          }
          for (const block of handle.blocks) block.hidden = false;
        }
      } else {
        article.dataset.textIndex = String(pinned ?? 0);
      }
      if (link) article.append(link);
      return handle;
    } catch (e) {
      release(handle);
      throw e;
    }
  }

  /** The standby slide: clock, date and the campus name with its logo. */
  function prepareStandby({ campusName, screenName, emergency = false }) {
    const article = el('article', 'slide standby preparing');
    article.dataset.kind = 'standby';
    const mark = el('div', 'standby-mark');
    mark.append(logo());
    const name = el('p', 'standby-campus', campusName);
    const time = el('p', 'standby-time');
    time.dataset.clock = '';
    const date = el('p', 'standby-date');
    date.dataset.date = '';
    article.append(mark, name, time, date);
    if (screenName) article.append(el('p', 'standby-screen', screenName));
    if (emergency) article.classList.add('slide--emergency');
    slides.append(article);
    const handle = { element: article, key: null, slide: null, kind: 'standby', sha256: null };
    redrawClock();
    return handle;
  }

  function watchVideo(handle) {
    const video = handle.element.querySelector('video');
    if (!video) return;
    let stallTimer = null;
    let stalledAt = 0;
    const failed = (why) => {
      handle.stopWatch();
      onSlideFailed(handle.key, handle.sha256, why);
    };
    const onError = () => failed('video error');
    const onWaiting = () => {
      if (stallTimer) return;
      stalledAt = video.currentTime;
      stallTimer = setTimeout(() => {
        stallTimer = null;
        if (video.currentTime === stalledAt) failed(`video stalled for ${STALL_MS / 1000} s`);
      }, STALL_MS);
    };
    const onPlaying = () => {
      clearTimeout(stallTimer);
      stallTimer = null;
    };
    video.addEventListener('error', onError);
    video.addEventListener('waiting', onWaiting);
    video.addEventListener('stalled', onWaiting);
    video.addEventListener('playing', onPlaying);
    handle.stopWatch = () => {
      clearTimeout(stallTimer);
      video.removeEventListener('error', onError);
      video.removeEventListener('waiting', onWaiting);
      video.removeEventListener('stalled', onWaiting);
      video.removeEventListener('playing', onPlaying);
    };
    const played = video.play();
    if (played?.catch) played.catch((e) => failed(`video would not play: ${e?.message ?? e}`));
  }

  /** Puts a prepared slide on screen; the previous one fades out and is released. */
  function commit(handle) {
    const previous = current;
    current = handle;
    if (previous) {
      previous.element.removeAttribute('id');
      previous.element.classList.remove('shown');
      previous.element.classList.add('leaving');
      previous.stopWatch?.();
      setTimeout(() => release(previous), transitionMs());
    }
    const e = handle.element;
    e.id = 'slide';
    e.classList.remove('preparing');
    void e.offsetWidth; // start the transition from the hidden state
    e.classList.add('shown');
    watchVideo(handle);
  }

  /**
   * The slide on screen changes to its text `index` (playback.js decides when, texts.js
   * says which): a short cross-fade of the words, none when motion is reduced.
   */
  function showText(index) {
    const handle = current;
    if (!handle || handle.pinned != null || handle.blocks.length < 2) return;
    if (!Number.isInteger(index) || index < 0 || index >= handle.blocks.length || index === handle.text) return;
    handle.element.style.setProperty('--text-fade', `${textFadeMs(reducedMotion?.matches)}ms`);
    markText(handle, index);
  }

  /** A prepared slide that will not be shown after all. */
  function discard(handle) {
    if (handle && handle !== current) release(handle);
  }

  function setClock(ms) {
    lastClock = { ms, at: win.performance.now() };
    const { time, date } = dateAndTime(ms, timeZone, language);
    for (const node of root.querySelectorAll('[data-clock]')) if (node.textContent !== time) node.textContent = time;
    for (const node of root.querySelectorAll('[data-date]')) if (node.textContent !== date) node.textContent = date;
  }

  /** Shows the clock again from the time last given, moved on by the time since. */
  function redrawClock() {
    setClock(lastClock ? lastClock.ms + (win.performance.now() - lastClock.at) : Date.now());
  }

  function showView(name) {
    root.dataset.state = name;
    for (const id of ['starting', 'pairing', 'player']) {
      const view = $(id);
      view.hidden = !(id === name || (id === 'player' && name === 'playing'));
    }
  }

  return {
    showView,

    showPairing({ code, serverName, address }) {
      showView('pairing');
      const codeBox = $('pairing-code');
      codeBox.dataset.code = code;
      codeBox.setAttribute('aria-label', code.split('').join(' '));
      const clean = code.replace(/[^0-9A-Za-z]/g, '');
      const groups = code.includes('-') ? code.split('-') : clean.length === 8 ? [clean.slice(0, 4), clean.slice(4)] : [clean];
      codeBox.replaceChildren(...groups.filter((g) => g !== '').map((g) => el('span', 'pairing-group', g)));
      $('pairing-server').textContent = separated(serverName, address);
    },

    setPairingExpiry(text) {
      const node = $('pairing-expiry');
      if (node.textContent !== text) node.textContent = text;
    },

    setPairingStatus(text) {
      const node = $('pairing-status');
      if (node.textContent !== text) node.textContent = text;
    },

    /** Lays the stage out for the screen's size (letterboxed) and layout. */
    setScreen(screen) {
      timeZone = screen.timeZone || timeZone;
      const before = language;
      language = screenLanguage(screen.languages);
      // a screen switched to English should not wait up to a minute for its colon
      if (language !== before && lastClock) redrawClock();
      const stage = $('stage');
      stage.style.setProperty('--screen-w', String(screen.width));
      if (Number.isFinite(screen.width) && screen.width > 0) screenWidth = screen.width;
      stage.style.setProperty('--screen-h', String(screen.height));
      root.dataset.layout = screen.layout;
      // the band under a full-layout slide; its share of the stage is in styles.css
      root.dataset.infoBand = screen.infoBand === true ? 'true' : 'false';
      root.dataset.orientation = screen.orientation;
      // a touch screen offers "Hvad sker der?" (touch-view.js); styles.css hides it elsewhere
      root.dataset.touch = screen.touch === true ? 'true' : 'false';
      if (screen.slug) root.dataset.screen = screen.slug;
    },

    setEmergency(on) {
      root.dataset.emergency = on ? 'true' : 'false';
    },

    /** The ETag of the manifest in use, so a test can see a change arrive before its slide's turn. */
    setManifestEtag(etag) {
      if (etag) root.dataset.manifestEtag = etag;
      else delete root.dataset.manifestEtag;
    },

    setOnline(online) {
      root.dataset.online = online ? 'true' : 'false';
    },

    prepare,
    prepareStandby,
    commit,
    discard,
    showText,

    /** The handle on screen (key, kind), or null. */
    get current() {
      return current ? { key: current.key, kind: current.kind } : null;
    },

    /** Clears the stage (leaving the player view). */
    clearSlides() {
      if (current) release(current);
      current = null;
      for (const child of Array.from(slides.children)) child.remove();
    },

    setClock,

    /**
     * The next messages' titles: in the side column, each in the screen's first language
     * with its second language smaller beneath, and the very next one in the info band.
     */
    setUpcoming(titles) {
      const sig = JSON.stringify(titles.map((t) => [t.title, t.language, t.others]));
      if (sig === lastUpcoming) return;
      lastUpcoming = sig;
      const list = $('side-next');
      list.replaceChildren(...titles.map((t) => {
        const li = el('li');
        const first = el('span', 'side-next-title', keepTogether(t.title));
        if (t.language) first.lang = t.language;
        li.append(first);
        const second = t.others?.[0];
        if (second) {
          const other = el('span', 'side-next-other', keepTogether(second.title));
          if (second.language) other.lang = second.language;
          li.append(other);
        }
        return li;
      }));
      const next = $('info-next');
      if (next) {
        const t = titles[0];
        next.textContent = t ? keepTogether(t.title) : '';
        if (t?.language) next.lang = t.language;
        else next.removeAttribute('lang');
        next.closest('.info-next')?.toggleAttribute('hidden', !t);
      }
    },

    /**
     * The station's next trains as they are now: in the side column (mode "zone", in place
     * of the next titles while there is something to show) and on the departures slide if
     * it is on screen. Redrawn only when what it says changed.
     */
    setDepartures(view, mode) {
      departuresView = view;
      const sig = JSON.stringify([mode, view, language, timeZone]);
      if (sig === lastDepartures) return;
      lastDepartures = sig;
      const zone = $('side-departures');
      const inZone = mode === 'zone' && view.show;
      root.dataset.departures = inZone ? 'zone' : mode === 'slide' && view.show ? 'slide' : 'none';
      if (zone) {
        zone.hidden = !inZone;
        zone.replaceChildren(...(inZone ? [departuresBoard(view)] : []));
      }
      const onScreen = slides.querySelector('.slide--departures:not(.leaving)');
      if (onScreen && view.show) onScreen.replaceChildren(departuresBoard(view));
    },

    /** The loop's titles in the ticker band, scrolling (still when motion is reduced). */
    setTicker(titles) {
      const sig = JSON.stringify(titles.map((t) => [t.title, t.language]));
      if (sig === lastTicker) return;
      lastTicker = sig;
      const track = $('ticker-track');
      const run = () => {
        const span = el('span', 'ticker-run');
        for (const t of titles) {
          const item = el('span', 'ticker-item', keepTogether(t.title));
          if (t.language) item.lang = t.language;
          span.append(item);
        }
        return span;
      };
      // the titles twice, so the scroll can wrap round without a gap
      track.replaceChildren(run(), run());
      const chars = titles.reduce((n, t) => n + t.title.length + 4, 0);
      track.style.setProperty('--ticker-seconds', String(Math.max(20, Math.round(chars * 0.28))));
    },
  };
}
