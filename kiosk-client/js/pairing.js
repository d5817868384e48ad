// The unpaired kiosk: asks the server for a pairing code, shows it with a countdown,
// polls the pairing with its secret until staff claim it, and starts again with a new code
// when it expires. A pairing in progress survives a reload (same code on screen).

import { ApiError } from './api.js';
import { backoff, createTimer } from './scheduler.js';

const MIN_POLL_MS = 1000;
const MAX_POLL_MS = 30_000;

export function formatCountdown(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

export function createPairing({ api, store, player, log, address = '', now = () => Date.now(), timers = {}, random = Math.random, onPaired }) {
  const pollTimer = createTimer(timers);
  const countdownTimer = createTimer(timers);
  let pairing = null;
  let failures = 0;
  let running = false;

  function pollEvery() {
    const s = Number(pairing?.pollIntervalSeconds);
    return Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, Number.isFinite(s) ? s * 1000 : 3000));
  }

  function show(p) {
    pairing = p;
    player.showPairing({ code: p.code, serverName: p.serverName || 'Campus Signage', address });
    player.setPairingStatus('');
    countdown();
    pollTimer.after(pollEvery(), poll);
  }

  function countdown() {
    if (!running || !pairing) return;
    const left = pairing.localExpiresAt - now();
    if (left <= 0) {
      log.change('pairing', 'expired', 'pairing code expired; asking for a new one');
      request();
      return;
    }
    const t = formatCountdown(left);
    player.setPairingExpiry(`Koden udløber om ${t} · The code expires in ${t}`);
    countdownTimer.after(((left - 1) % 1000) + 1, countdown);
  }

  async function request() {
    pollTimer.cancel();
    countdownTimer.cancel();
    pairing = null;
    store.clearPairing();
    try {
      const p = await api.createPairing();
      if (!running) return;
      failures = 0;
      store.setPairing(p);
      log.change('pairing', p.code, `showing pairing code ${p.code}`);
      log.change('online', true, 'server reachable');
      player.setOnline(true);
      show(p);
    } catch (e) {
      if (!running) return;
      const wait = e instanceof ApiError && e.status === 429 && e.retryAfterMs
        ? e.retryAfterMs
        : backoff(failures++, { base: 3000, max: 60_000, random });
      log.change('online', false, `no pairing code: ${e?.message ?? e}`);
      player.setOnline(false);
      player.showPairing({ code: '', serverName: 'Campus Signage', address });
      player.setPairingExpiry('');
      player.setPairingStatus('Kan ikke nå serveren – prøver igen · Cannot reach the server – trying again');
      pollTimer.after(wait, request);
    }
  }

  async function poll() {
    if (!running || !pairing) return;
    const mine = pairing;
    try {
      const r = await api.pollPairing(mine);
      if (!running || pairing !== mine) return;
      player.setPairingStatus('');
      player.setOnline(true);
      if (r?.status === 'claimed' && typeof r.deviceToken === 'string' && r.deviceToken !== '') {
        store.setToken(r.deviceToken);
        if (r.screen) store.setScreen(r.screen);
        store.clearPairing();
        stop();
        log.change('paired', true, `paired${r.screen?.name ? ` with screen ${r.screen.name}` : ''}`);
        onPaired(r.screen ?? null);
        return;
      }
      if (r?.status === 'expired' || r?.status === 'claimed') {
        // claimed without a token: it was handed out to a poll whose answer got lost
        log.change('pairing', `${mine.code}:${r.status}`, `pairing code ${mine.code} ${r.status}; asking for a new one`);
        request();
        return;
      }
      pollTimer.after(pollEvery(), poll);
    } catch (e) {
      if (!running || pairing !== mine) return;
      if (e instanceof ApiError && e.status === 429) {
        pollTimer.after(Math.max(pollEvery(), e.retryAfterMs ?? 5000), poll);
        return;
      }
      player.setPairingStatus('Kan ikke nå serveren – prøver igen · Cannot reach the server – trying again');
      player.setOnline(false);
      pollTimer.after(Math.max(pollEvery() * 2, 5000), poll);
    }
  }

  function stop() {
    running = false;
    pollTimer.cancel();
    countdownTimer.cancel();
  }

  return {
    start() {
      running = true;
      log.change('paired', false, 'not paired: showing the pairing view');
      const saved = store.pairing();
      if (saved && Number.isFinite(saved.localExpiresAt) && saved.localExpiresAt - now() > 15_000) {
        show(saved);
      } else {
        request();
      }
    },
    stop,
    snapshot() {
      return pairing
        ? { code: pairing.code, expiresAt: pairing.expiresAt ?? null, serverName: pairing.serverName ?? null }
        : null;
    },
  };
}
