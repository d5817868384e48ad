// A very small stand-in for the browser's DOM, enough for player.js to build slides in
// node: elements with classes, attributes, dataset, style and children, and compound
// selectors (tag, #id, .class, [attribute]) without combinators. No layout: everything
// measures 0, so fit() leaves text at full size. (No tests of its own; Node's runner lists
// it as a file that passed.)

const kebab = (s) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

class FakeElement {
  constructor(tag) {
    this.tagName = tag.toUpperCase();
    this.attributes = new Map();
    this.children = [];
    this.parentNode = null;
    this.text = '';
    this.hidden = false;
    const props = new Map();
    this.style = {
      setProperty: (k, v) => props.set(k, String(v)),
      getPropertyValue: (k) => props.get(k) ?? '',
      removeProperty: (k) => props.delete(k),
    };
    const self = this;
    this.dataset = new Proxy({}, {
      get: (_, k) => self.getAttribute(`data-${kebab(String(k))}`) ?? undefined,
      set: (_, k, v) => (self.setAttribute(`data-${kebab(String(k))}`, v), true),
      deleteProperty: (_, k) => (self.removeAttribute(`data-${kebab(String(k))}`), true),
    });
    this.classList = {
      add: (...c) => this.#classes(new Set([...this.#classSet(), ...c])),
      remove: (...c) => this.#classes(new Set([...this.#classSet()].filter((x) => !c.includes(x)))),
      contains: (c) => this.#classSet().has(c),
      toggle: (c, force) => {
        const on = force ?? !this.#classSet().has(c);
        if (on) this.classList.add(c);
        else this.classList.remove(c);
        return on;
      },
    };
  }
  #classSet() {
    return new Set((this.getAttribute('class') ?? '').split(/\s+/).filter(Boolean));
  }
  #classes(set) {
    this.setAttribute('class', [...set].join(' '));
  }
  get className() { return this.getAttribute('class') ?? ''; }
  set className(v) { this.setAttribute('class', v); }
  get id() { return this.getAttribute('id') ?? ''; }
  set id(v) { this.setAttribute('id', v); }
  get lang() { return this.getAttribute('lang') ?? ''; }
  set lang(v) { this.setAttribute('lang', v); }
  setAttribute(k, v) { this.attributes.set(k, String(v)); }
  getAttribute(k) { return this.attributes.has(k) ? this.attributes.get(k) : null; }
  hasAttribute(k) { return this.attributes.has(k); }
  removeAttribute(k) { this.attributes.delete(k); }
  toggleAttribute(k, force) {
    const on = force ?? !this.attributes.has(k);
    if (on) this.attributes.set(k, '');
    else this.attributes.delete(k);
    return on;
  }
  get textContent() { return this.text + this.children.map((c) => c.textContent).join(''); }
  set textContent(v) {
    this.children.forEach((c) => (c.parentNode = null));
    this.children = [];
    this.text = String(v);
  }
  get childNodes() { return this.children; }
  get firstElementChild() { return this.children[0] ?? null; }
  append(...nodes) {
    for (const n of nodes) {
      const node = typeof n === 'string' ? Object.assign(new FakeElement('#text'), { text: n }) : n;
      node.remove();
      node.parentNode = this;
      this.children.push(node);
    }
  }
  insertBefore(node, before) {
    node.remove();
    node.parentNode = this;
    const i = this.children.indexOf(before);
    this.children.splice(i < 0 ? this.children.length : i, 0, node);
  }
  replaceChildren(...nodes) {
    this.textContent = '';
    this.append(...nodes);
  }
  remove() {
    if (!this.parentNode) return;
    const siblings = this.parentNode.children;
    siblings.splice(siblings.indexOf(this), 1);
    this.parentNode = null;
  }
  matches(selector) {
    const m = selector.match(/^([a-z0-9-]*)((?:[#.][\w-]+|\[[\w-]+\])*)$/i);
    if (!m) throw new Error(`fake DOM: selector not supported: ${selector}`);
    if (m[1] && m[1].toUpperCase() !== this.tagName) return false;
    return [...m[2].matchAll(/([#.])([\w-]+)|\[([\w-]+)\]/g)].every(([, sign, name, attr]) =>
      attr ? this.hasAttribute(attr) : sign === '#' ? this.id === name : this.classList.contains(name));
  }
  querySelectorAll(selector) {
    const found = [];
    const walk = (e) => e.children.forEach((c) => {
      if (c.tagName !== '#TEXT' && c.matches(selector)) found.push(c);
      walk(c);
    });
    walk(this);
    return found;
  }
  querySelector(selector) { return this.querySelectorAll(selector)[0] ?? null; }
  closest(selector) {
    for (let e = this; e; e = e.parentNode) if (e.matches(selector)) return e;
    return null;
  }
  addEventListener() {}
  removeEventListener() {}
  getBoundingClientRect() { return { width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0 }; }
  get scrollWidth() { return 0; }
  get scrollHeight() { return 0; }
  get clientWidth() { return 0; }
  get clientHeight() { return 0; }
  get offsetWidth() { return 0; }
}

/** A document holding the kiosk's player view (as index.html has it), and a window. */
export function fakeKiosk({ reducedMotion = false } = {}) {
  const make = (tag, id, className, children = []) => {
    const e = new FakeElement(tag);
    if (id) e.id = id;
    if (className) e.className = className;
    e.append(...children);
    return e;
  };
  const clock = make('p', 'clock', 'clock');
  clock.setAttribute('data-clock', '');
  const sideClock = make('p', null, 'side-clock');
  sideClock.setAttribute('data-clock', '');
  const sideDate = make('p', null, 'side-date');
  sideDate.setAttribute('data-date', '');
  const bandDate = make('span', null, 'info-date');
  bandDate.setAttribute('data-date', '');
  const bandClock = make('span', null, 'info-clock');
  bandClock.setAttribute('data-clock', '');
  const infoNext = make('p', null, 'info-next', [make('span', 'info-next', 'info-next-title')]);
  infoNext.hidden = true;
  const root = make('div', 'kiosk', null, [
    make('section', 'starting'),
    make('section', 'pairing'),
    make('section', 'player', 'view player', [
      make('div', 'stage', 'stage', [
        make('div', 'main', 'main', [make('div', 'slides', 'slides'), clock]),
        make('aside', 'side', 'side', [sideClock, sideDate, make('ol', 'side-next', 'side-next')]),
        make('div', 'ticker', 'ticker', [make('div', 'ticker-track', 'ticker-track')]),
        make('div', 'info-band', 'info-band', [make('p', null, 'info-when', [bandDate, bandClock]), infoNext]),
      ]),
    ]),
  ]);
  const document = {
    getElementById: (id) => (root.id === id ? root : root.querySelector(`#${id}`)),
    createElement: (tag) => new FakeElement(tag),
    createElementNS: (ns, tag) => Object.assign(new FakeElement(tag), { namespaceURI: ns }),
    createRange: () => ({ selectNodeContents() {}, getBoundingClientRect: () => ({ width: 0, right: 0 }) }),
    importNode: (node) => node,
  };
  const window = {
    matchMedia: () => ({ matches: reducedMotion }),
    getComputedStyle: () => ({ paddingRight: '0' }),
    performance: { now: () => 0 },
  };
  return { document, window, root };
}
