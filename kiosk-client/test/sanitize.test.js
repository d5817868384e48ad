import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanTree, isAllowedAttribute, isDangerousElement } from '../js/sanitize.js';

// A minimal DOM stand-in: just what cleanTree uses, plus serialisation for assertions.
class Node {
  constructor(nodeType, nodeName) {
    this.nodeType = nodeType;
    this.nodeName = nodeName;
    this.parentNode = null;
    this.childNodes = [];
  }
  append(...children) {
    for (const c of children) {
      c.parentNode = this;
      this.childNodes.push(c);
    }
    return this;
  }
  remove() {
    const siblings = this.parentNode.childNodes;
    siblings.splice(siblings.indexOf(this), 1);
    this.parentNode = null;
  }
  replaceWith(...nodes) {
    const parent = this.parentNode;
    const i = parent.childNodes.indexOf(this);
    for (const n of nodes) n.parentNode = parent;
    parent.childNodes.splice(i, 1, ...nodes);
    this.parentNode = null;
  }
}
class Element extends Node {
  constructor(name, attrs = {}) {
    super(1, name.toUpperCase());
    this.attributes = Object.entries(attrs).map(([name, value]) => ({ name, value }));
  }
  removeAttribute(name) {
    this.attributes = this.attributes.filter((a) => a.name !== name);
  }
}
const el = (name, attrs, ...children) => new Element(name, attrs).append(...children);
const text = (t) => Object.assign(new Node(3, '#text'), { data: t });
const comment = (t) => Object.assign(new Node(8, '#comment'), { data: t });
const fragment = (...children) => new Node(11, '#document-fragment').append(...children);

function html(node) {
  if (node.nodeType === 3) return node.data;
  if (node.nodeType === 8) return `<!--${node.data}-->`;
  const inner = node.childNodes.map(html).join('');
  if (node.nodeType === 11) return inner;
  const name = node.nodeName.toLowerCase();
  const attrs = node.attributes.map((a) => ` ${a.name}="${a.value}"`).join('');
  return `<${name}${attrs}>${inner}</${name}>`;
}

test('keeps_what_markdown_produces', () => {
  const f = fragment(
    el('h2', {}, text('Åbent hus')),
    el('p', {}, text('Torsdag '), el('strong', {}, text('kl. 17')), text(' – '), el('em', {}, text('velkommen'))),
    el('ol', { start: '3' }, el('li', {}, text('a'))),
  );
  cleanTree(f);
  assert.equal(html(f), '<h2>Åbent hus</h2><p>Torsdag <strong>kl. 17</strong> – <em>velkommen</em></p><ol start="3"><li>a</li></ol>');
});

test('removes_script_style_and_iframe_with_their_content', () => {
  const f = fragment(
    el('p', {}, text('ok')),
    el('script', {}, text('alert(1)')),
    el('style', {}, text('body{display:none}')),
    el('iframe', { src: 'https://evil.example' }),
    el('p', {}, el('svg', {}, el('script', {}, text('x'))), text('still here')),
  );
  const removed = cleanTree(f);
  assert.equal(html(f), '<p>ok</p><p>still here</p>');
  assert.equal(removed.elements, 4);
});

test('removes_every_on_attribute_and_styles_and_links', () => {
  const f = fragment(
    el('p', { onclick: 'steal()', ONMOUSEOVER: 'x()', style: 'position:fixed', class: 'x', lang: 'en' }, text('hi')),
    el('a', { href: 'javascript:alert(1)', onfocus: 'y()' }, text('link')),
    el('ol', { start: '1;x' }),
  );
  cleanTree(f);
  assert.equal(html(f), '<p lang="en">hi</p><a>link</a><ol></ol>');
});

test('unwraps_unknown_elements_and_keeps_their_text', () => {
  const f = fragment(el('div', { onclick: 'x' }, el('font', {}, text('Velkommen')), el('img', { src: 'x', onerror: 'y' })), comment('c'));
  cleanTree(f);
  assert.equal(html(f), 'Velkommen');
});

test('names_the_dangerous_elements_and_attributes', () => {
  for (const name of ['script', 'STYLE', 'iframe', 'object', 'embed', 'template', 'svg', 'math', 'link', 'meta', 'base', 'form']) {
    assert.equal(isDangerousElement(name), true, name);
  }
  assert.equal(isDangerousElement('p'), false);
  assert.equal(isAllowedAttribute('p', 'onload', ''), false);
  assert.equal(isAllowedAttribute('a', 'href', 'https://example.org'), false);
  assert.equal(isAllowedAttribute('p', 'lang', 'da'), true);
  assert.equal(isAllowedAttribute('p', 'lang', 'da" onload="x'), false);
  assert.equal(isAllowedAttribute('ol', 'start', '12'), true);
  assert.equal(isAllowedAttribute('p', 'start', '12'), false);
});
