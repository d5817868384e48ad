// The kiosk's top level: unpaired → the pairing view; paired → the session that plays.
// A 401 anywhere clears everything the kiosk kept (token, manifest, plays, cached media)
// and goes back to pairing. Also the source of the read-only `window.kiosk` snapshot.

import { createPairing } from './pairing.js';
import { createPlayback } from './playback.js';
import { createSession } from './session.js';
import { createPlays } from './plays.js';
import { createTimer } from './scheduler.js';

export function createController({ api, store, player, media, clock, log, version, address, timers = {}, random = Math.random, viewport, benchmarkSlideMs }) {
  let mode = 'starting';
  let pairing = null;
  let session = null;
  let playback = null;
  let plays = null;
  const startedAt = clock.local();

  function startPairing() {
    mode = 'pairing';
    pairing = createPairing({
      api, store, player, log, address, timers, random,
      now: () => clock.local(),
      onPaired: () => {
        pairing = null;
        startSession();
      },
    });
    pairing.start();
  }

  function startSession() {
    mode = 'playing';
    plays = createPlays({ store, now: () => clock.local() });
    playback = createPlayback({
      player, clock, media, plays, log,
      benchmarkSlideMs,
      timer: createTimerFor(timers, clock),
      onPlaysDue: () => session?.playsDue(),
    });
    session = createSession({
      api, store, player, playback, media, plays, clock, log, version, timers, random, viewport, startedAt,
      onRevoked: async () => {
        session = null;
        playback = null;
        plays = null;
        store.clearAll();
        await media.clear();
        player.clearSlides();
        player.setEmergency(false);
        player.setManifestEtag(null);
        startPairing();
      },
    });
    session.start();
  }

  return {
    start() {
      if (store.token()) startSession();
      else startPairing();
    },
    /** Media readiness changed: slides waiting for their file may play now. */
    mediaChanged() {
      playback?.refresh();
    },
    /** The player says the slide on screen failed (a video that errors or stalls). */
    slideFailed(key, sha256, why) {
      playback?.slideFailed(key, sha256, why);
    },
    snapshot() {
      return {
        version,
        state: mode,
        pairing: pairing?.snapshot() ?? null,
        ...(session?.snapshot() ?? { online: null, stream: 'stopped', manifestEtag: null, emergency: false, screen: null }),
        ...(playback?.snapshot() ?? { current: null, standby: false, failures: [] }),
        clockOffsetMs: clock.offsetMs(),
        appliedClockOffsetMs: clock.appliedOffsetMs(),
        media: { mode: media.mode, ready: media.readyList() },
        plays: plays?.stats() ?? null,
        recentErrors: log.recent(),
        log: log.lines(),
      };
    },
  };
}

/** The slide timer runs on the time the kiosk plays by (server-corrected). */
function createTimerFor(timers, clock) {
  return createTimer({ ...timers, now: () => clock.now() });
}
