import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sw = readFileSync(`${root}/sw.js`, 'utf8');
const shell = [...sw.matchAll(/^\s*'([^']+)',?$/gm)].map((m) => m[1]);

test('the_service_worker_precaches_every_file_of_the_shell', () => {
  const modules = readdirSync(`${root}/js`).filter((f) => f.endsWith('.js')).map((f) => `js/${f}`);
  assert.deepEqual([...shell].sort(), ['index.html', 'styles.css', ...modules].sort());
});

test('the_worker_carries_the_client_version_so_a_bump_updates_every_kiosk', async () => {
  const { VERSION } = await import('../js/version.js');
  assert.match(sw, new RegExp(`const WORKER_VERSION = '${VERSION.replace(/\./g, '\\.')}';`));
});

test('the_page_loads_only_what_the_shell_holds', () => {
  const html = readFileSync(`${root}/index.html`, 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="([^"#:]+)"/g)].map((m) => m[1]);
  assert.deepEqual(refs.sort(), ['js/main.js', 'styles.css']);
  assert.doesNotMatch(html, /<script(?![^>]*type="module")/, 'no classic or inline scripts');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
});

// touch-view.js, the touch kiosk's view, is the one other DOM module, under player.js's rules
test('only_the_player_and_the_touch_view_touch_the_dom', () => {
  for (const f of readdirSync(`${root}/js`)) {
    if (f === 'player.js' || f === 'main.js' || f === 'touch-view.js') continue;
    const text = readFileSync(`${root}/js/${f}`, 'utf8');
    assert.doesNotMatch(text, /\bdocument\.|innerHTML|setInterval\(/, f);
  }
  const player = readFileSync(`${root}/js/player.js`, 'utf8');
  assert.equal((player.match(/\.innerHTML\s*=/g) ?? []).length, 1, 'innerHTML only on the inert template');
  assert.match(player, /template\.innerHTML = html;\s*cleanTree\(template\.content\)/);
  const touch = readFileSync(`${root}/js/touch-view.js`, 'utf8');
  assert.equal((touch.match(/\.innerHTML\s*=/g) ?? []).length, 1, 'innerHTML only on the inert template');
  assert.match(touch, /template\.innerHTML = html;\s*cleanTree\(template\.content\)/);
  assert.doesNotMatch(touch, /\bdocument\.|setInterval\(/);
});
