import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createMediaCache, parseRange, shaFromUrl } from '../js/media-cache.js';

const BASE = 'http://kiosk.test';
const GOOD = new TextEncoder().encode('a picture of the library, honestly');
const SHA = createHash('sha256').update(GOOD).digest('hex');
const ITEM = { url: `/media/${SHA}.png`, sha256: SHA, bytes: GOOD.length, type: 'image/png' };
const URL_ABS = `${BASE}/media/${SHA}.png`;

/** Cache Storage stand-in: whole responses kept as bytes. */
function fakeCaches() {
  const stores = new Map();
  const open = async (name) => {
    if (!stores.has(name)) stores.set(name, new Map());
    const map = stores.get(name);
    return {
      async match(key) {
        const e = map.get(typeof key === 'string' ? key : key.url);
        return e ? new Response(e.body.slice(0), { headers: e.headers }) : undefined;
      },
      async put(key, response) {
        map.set(typeof key === 'string' ? key : key.url, { body: new Uint8Array(await response.arrayBuffer()), headers: Object.fromEntries(response.headers) });
      },
      async delete(key) {
        return map.delete(typeof key === 'string' ? key : key.url);
      },
      async keys() {
        return [...map.keys()].map((url) => ({ url }));
      },
    };
  };
  return {
    open,
    async delete(name) {
      return stores.delete(name);
    },
    bytes: (name, url) => stores.get(name)?.get(url)?.body ?? null,
    corrupt: async (name, url, bytes) => (await open(name)).put(url, new Response(bytes)),
  };
}

function setup(serve = () => new Response(GOOD, { headers: { 'Content-Type': 'image/png' } })) {
  const caches = fakeCaches();
  const fetched = [];
  const cache = createMediaCache({
    caches,
    cacheName: 'signage-media-v1',
    base: BASE,
    fetch: async (url) => {
      fetched.push(url);
      return serve(url);
    },
  });
  return { caches, fetched, cache };
}

const text = async (response) => new TextDecoder().decode(await response.arrayBuffer());

test('stores_a_file_only_after_its_sha256_matches_the_manifest', async () => {
  const { caches, cache } = setup(() => new Response(new TextEncoder().encode('a picture of something else, same len')));
  const result = await cache.sync([{ ...ITEM, bytes: null }]);
  assert.deepEqual(result, { ready: [], failed: [SHA] });
  assert.equal(caches.bytes('signage-media-v1', URL_ABS), null);
});

test('never_keeps_a_partial_download', async () => {
  const { caches, cache } = setup(() => new Response(GOOD.slice(0, 10)));
  assert.deepEqual((await cache.sync([ITEM])).failed, [SHA]);
  assert.equal(caches.bytes('signage-media-v1', URL_ABS), null);
});

test('keeps_a_verified_file_and_reports_it_ready', async () => {
  const { caches, cache, fetched } = setup();
  const ready = [];
  assert.deepEqual(await cache.sync([ITEM], { onReady: (s) => ready.push(s) }), { ready: [SHA], failed: [] });
  assert.deepEqual(ready, [SHA]);
  assert.deepEqual(caches.bytes('signage-media-v1', URL_ABS), GOOD);
  await cache.sync([ITEM]);
  assert.equal(fetched.length, 1, 'a cached, verified file is not downloaded again');
});

test('a_corrupted_cached_file_is_fetched_again_and_never_served', async () => {
  const { caches, cache, fetched } = setup();
  await cache.sync([ITEM]);
  await caches.corrupt('signage-media-v1', URL_ABS, new TextEncoder().encode('garbage'));
  const response = await cache.serve(new Request(URL_ABS), ITEM);
  assert.equal(response.status, 200);
  assert.equal(await text(response), new TextDecoder().decode(GOOD));
  assert.equal(fetched.length, 2, 'fetched again');
  assert.deepEqual(caches.bytes('signage-media-v1', URL_ABS), GOOD, 'and the cache repaired');
});

test('answers_504_rather_than_unverified_bytes_when_the_server_is_gone', async () => {
  const { caches, cache } = setup(() => {
    throw new TypeError('Failed to fetch');
  });
  await caches.corrupt('signage-media-v1', URL_ABS, new TextEncoder().encode('garbage'));
  const response = await cache.serve(new Request(URL_ABS), ITEM);
  assert.equal(response.status, 504);
  assert.equal(caches.bytes('signage-media-v1', URL_ABS), null, 'the bad entry is gone');
});

test('serves_ranges_of_a_verified_file_for_video', async () => {
  const { cache } = setup();
  await cache.sync([ITEM]);
  const part = await cache.serve(new Request(URL_ABS, { headers: { Range: 'bytes=2-8' } }), ITEM);
  assert.equal(part.status, 206);
  assert.equal(part.headers.get('Content-Range'), `bytes 2-8/${GOOD.length}`);
  assert.equal(await text(part), new TextDecoder().decode(GOOD.slice(2, 9)));
  const rest = await cache.serve(new Request(URL_ABS, { headers: { Range: 'bytes=30-' } }), ITEM);
  assert.equal(await text(rest), new TextDecoder().decode(GOOD.slice(30)));
  const beyond = await cache.serve(new Request(URL_ABS, { headers: { Range: 'bytes=999-' } }), ITEM);
  assert.equal(beyond.status, 416);
});

test('prunes_files_the_manifest_no_longer_names', async () => {
  const { caches, cache } = setup();
  await cache.sync([ITEM]);
  await caches.corrupt('signage-media-v1', `${BASE}/media/${'c'.repeat(64)}.png`, GOOD);
  assert.equal(await cache.prune([ITEM]), 1);
  assert.deepEqual(caches.bytes('signage-media-v1', URL_ABS), GOOD);
  assert.equal(await cache.prune([]), 1);
  assert.equal(caches.bytes('signage-media-v1', URL_ABS), null);
});

test('reads_ranges_and_hashes_in_urls', () => {
  assert.deepEqual(parseRange('bytes=0-', 100), { start: 0, end: 99 });
  assert.deepEqual(parseRange('bytes=10-19', 100), { start: 10, end: 19 });
  assert.deepEqual(parseRange('bytes=90-500', 100), { start: 90, end: 99 });
  assert.deepEqual(parseRange('bytes=-10', 100), { start: 90, end: 99 });
  assert.equal(parseRange('bytes=100-', 100), 'unsatisfiable');
  assert.equal(parseRange('bytes=5-1', 100), null);
  assert.equal(parseRange('items=1-2', 100), null);
  assert.equal(parseRange(null, 100), null);
  assert.equal(shaFromUrl(`/media/${SHA}.png`), SHA);
  assert.equal(shaFromUrl('/media/logo.png'), null);
});
