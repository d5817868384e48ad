import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStore, memoryStorage } from '../js/store.js';

const manifest = { screen: { slug: 'station-hal' }, emergency: false, slides: [{ id: 41 }] };

test('keeps_the_device_token_and_the_last_good_manifest_across_a_reload', () => {
  const storage = memoryStorage();
  const store = createStore(storage);
  assert.equal(store.token(), null);
  assert.equal(store.manifest(), null);
  store.setToken('tok-123');
  store.setManifest(manifest, '"abc"');
  const reloaded = createStore(storage);
  assert.equal(reloaded.token(), 'tok-123');
  assert.deepEqual(reloaded.manifest(), { manifest, etag: '"abc"' });
});

test('a_manifest_without_an_etag_never_keeps_an_older_etag', () => {
  const store = createStore(memoryStorage());
  store.setManifest(manifest, '"v1"');
  store.setManifest({ ...manifest, slides: [] }, null);
  assert.equal(store.manifest().etag, null);
});

test('clears_everything_it_stored_on_401_and_nothing_else', () => {
  const storage = memoryStorage({ 'other.app': 'keep me' });
  const store = createStore(storage);
  store.setToken('tok');
  store.setManifest(manifest, '"e"');
  store.setPairing({ pairingId: 'p', pollSecret: 's', code: 'K7M4PX2Q' });
  store.setPlays({ nextSeq: 3, pending: null, buffer: [] });
  store.clearAll();
  assert.equal(store.token(), null);
  assert.equal(store.manifest(), null);
  assert.equal(store.pairing(), null);
  assert.equal(store.plays(), null);
  assert.equal(storage.getItem('other.app'), 'keep me');
  assert.equal(storage.length, 1);
});

test('treats_unreadable_entries_as_absent', () => {
  const storage = memoryStorage({
    'signage.kiosk.manifest': '{not json',
    'signage.kiosk.deviceToken': '42',
    'signage.kiosk.pairing': '{"code":"X"}',
  });
  const store = createStore(storage);
  assert.equal(store.manifest(), null);
  assert.equal(store.token(), null);
  assert.equal(store.pairing(), null);
  assert.equal(storage.getItem('signage.kiosk.manifest'), null, 'the broken entry is removed');
});

test('a_full_storage_is_reported_not_thrown', () => {
  const errors = [];
  const storage = memoryStorage();
  storage.setItem = () => {
    throw new Error('QuotaExceededError');
  };
  const store = createStore(storage, { onError: (m) => errors.push(m) });
  assert.equal(store.setManifest(manifest, '"e"'), false);
  assert.match(errors[0], /QuotaExceededError/);
});
