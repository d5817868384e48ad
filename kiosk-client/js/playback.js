// Drives the rotation: asks rotation.js what to show, has the player prepare and show it,
// arms the one slide timer for the deadline, records a play for every slide shown, and
// sets slides that fail aside for a while (retried on a later loop, backing off).
// A bilingual slide changes its words on the same timer: it is armed for whichever comes
// first, the next language (texts.js) or the slide's deadline.
//
// DOM-free and timer-free itself: the player, the timer, the clock and the media
// readiness are injected.

import { DEPARTURES_SLIDE_ID } from './departures.js';
import { advance, decide, loopTitles, rebase, upcoming } from './rotation.js';
import { textAt, textsOf } from './texts.js';

const RETRY_MS = [60_000, 2 * 60_000, 5 * 60_000, 15 * 60_000, 30 * 60_000];
/** A showing shorter than this (cut off by an emergency, say) is not counted as a play. */
export const MIN_PLAY_MS = 1000;

export function createPlayback({ player, timer, clock, media, plays, log, onPlaysDue = () => {}, sideCount = 3, benchmarkSlideMs }) {
  let manifest = null;
  let position = null; // the latest decision (maybe still being prepared)
  let shown = null; // { key, slideId, language, startedAt, text } on screen now (text: the index of the language showing)
  let generation = 0;
  let preparing = null; // { key, startedAt } of the showing being loaded
  let campusName = 'Campus Albertslund';
  let screenName = '';
  const failures = new Map(); // key → { count, retryAt }

  const isPlayable = (slide, key) => {
    const f = failures.get(key);
    if (f && clock.now() < f.retryAt) return false;
    return !slide.media || media.isReady(slide.media.sha256);
  };
  const choice = { isPlayable, benchmarkSlideMs };

  function finishPlay(at) {
    if (!shown || shown.key === null) return;
    if (shown.slideId === DEPARTURES_SLIDE_ID) {
      shown = null; // the train times are not a message: no proof of play
      return;
    }
    const durationMs = Math.round(at - shown.startedAt);
    if (durationMs >= MIN_PLAY_MS) {
      const due = plays.record({
        announcementId: shown.slideId,
        language: shown.language,
        startedAt: new Date(shown.startedAt).toISOString(),
        durationMs,
      });
      if (due) onPlaysDue();
    }
    shown = null;
  }

  function updateSideAndTicker(now) {
    if (!manifest) return;
    player.setUpcoming(upcoming(manifest, now, position, sideCount, choice));
    player.setTicker(loopTitles(manifest, now, choice));
  }

  /** Where the words of the slide on screen should be now: the player is told when that changes. */
  function syncText(now) {
    if (!shown || shown.key === null || position.standby || position.key !== shown.key) return Infinity;
    const { index, nextSwitchAt } = textAt(position.slide, position.startedAt, now, position.durationMs);
    if (index !== shown.text) {
      shown = { ...shown, text: index };
      player.showText(index);
    }
    return nextSwitchAt;
  }

  function arm() {
    const nextSwitchAt = syncText(clock.now());
    timer.at(Math.min(position.deadline, nextSwitchAt), tick);
  }

  /** Acts on a decision: the same showing goes on, a repeat of the same slide just counts again, anything else is prepared and shown. */
  function render(decision) {
    const previous = position;
    position = decision;
    const now = clock.now();
    updateSideAndTicker(now);
    const sameShowing = previous && shown && decision.key === shown.key && decision.startedAt === previous.startedAt && !decision.standby;
    if (sameShowing) {
      if (contentOf(decision.slide) !== shown.content) {
        show(decision, { inPlace: true }); // edited while on screen: the new words, in the same time slot
        return;
      }
      arm();
      return;
    }
    if (preparing && !decision.standby && decision.key === preparing.key && decision.startedAt === preparing.startedAt) {
      return; // already loading exactly this; it arms the timer when it is up
    }
    if (decision.standby) {
      if (shown?.key === null && player.current?.kind === 'standby') {
        arm(); // standby stays standby
        return;
      }
      generation++;
      preparing = null;
      finishPlay(now);
      const handle = player.prepareStandby({ campusName, screenName, emergency: decision.emergency });
      player.commit(handle);
      shown = { key: null, startedAt: now };
      log.change('showing', 'standby', 'standby (nothing to play)');
      arm();
      return;
    }
    if (shown && decision.key === shown.key && player.current?.key === decision.key) {
      // the only playable slide comes round again: it stays up, and counts as another play
      generation++;
      preparing = null;
      const text = shown.text; // the words on screen now; arm() turns them back to the first language
      finishPlay(now);
      shown = showing(decision.slide, decision.key, now, text);
      arm();
      return;
    }
    show(decision);
  }

  function contentOf(slide) {
    return JSON.stringify(slide);
  }

  function showing(slide, key, startedAt, text = 0) {
    return { key, slideId: slide.id, language: slide.language, startedAt, content: contentOf(slide), text };
  }

  /**
   * Loads a slide and puts it on screen. inPlace: the slide on screen was edited; the new
   * version replaces it without restarting its time or counting another play.
   */
  async function show(decision, { inPlace = false } = {}) {
    const mine = ++generation;
    timer.cancel(); // nothing moves on while the slide loads
    preparing = { key: decision.key, startedAt: decision.startedAt };
    const slide = decision.slide;
    // an edited slide comes back in the language it was showing; arm() moves it on if due
    const firstText = inPlace && shown?.key === decision.key ? shown.text : 0;
    let handle;
    try {
      handle = await player.prepare(slide, {
        key: decision.key,
        src: slide.media ? slide.media.url : null,
        emergency: decision.emergency,
        firstText,
      });
    } catch (e) {
      if (mine !== generation) return;
      preparing = null;
      fail(decision.key, slide.media?.sha256 ?? null, e?.message ?? String(e));
      return;
    }
    if (mine !== generation) {
      player.discard(handle);
      return;
    }
    preparing = null;
    const now = clock.now();
    if (inPlace && shown?.key === decision.key) {
      player.commit(handle);
      shown = { ...shown, content: contentOf(slide), text: firstText };
      arm();
      return;
    }
    finishPlay(now);
    player.commit(handle);
    position = rebase(position, now);
    shown = showing(slide, decision.key, now);
    log.change('showing', 'slides', 'playing slides');
    arm();
  }

  function fail(key, sha256, why) {
    const before = failures.get(key);
    const count = (before?.count ?? 0) + 1;
    const wait = RETRY_MS[Math.min(count - 1, RETRY_MS.length - 1)];
    failures.set(key, { count, retryAt: clock.now() + wait });
    log.problem(`slide ${key} failed (${why}); skipped, retried in ${Math.round(wait / 1000)} s`);
    if (sha256) media.broken(sha256);
    if (!manifest) return;
    if (shown?.key === key) {
      finishPlay(clock.now());
    }
    render(advance(manifest, clock.now(), position, choice));
  }

  function tick() {
    if (!manifest) return;
    render(decide(manifest, clock.now(), position, choice));
  }

  return {
    /** A new manifest (or the stored one at start): keep the place and go on. */
    setManifest(next, { campus, screen } = {}) {
      const first = manifest === null;
      manifest = next;
      if (campus) campusName = campus;
      if (screen) screenName = screen;
      // forget the failures of slides that are gone
      for (const key of failures.keys()) if (!next.slides.some((s) => key === String(s.id) || key.startsWith(`${s.id}#`))) failures.delete(key);
      render(first ? decide(manifest, clock.now(), null, choice) : decide(manifest, clock.now(), position, choice));
    },

    /** What can be played changed (a media file became ready): re-decide, keeping the place. */
    refresh() {
      if (!manifest) return;
      if (position && clock.now() < position.deadline && !position.standby && shown?.key === position.key) {
        updateSideAndTicker(clock.now()); // the slide on screen goes on; only the lists may change
        return;
      }
      tick();
    },

    /**
     * The kiosk's notion of the time moved by `deltaMs` (it switched to the server's clock):
     * the slide on screen keeps the time it has left, and its play is not counted as
     * lasting the jump.
     */
    shiftTime(deltaMs) {
      if (!deltaMs || !position) return;
      position = {
        ...position,
        startedAt: position.startedAt + deltaMs,
        deadline: Math.min(position.deadline + deltaMs, position.untilMs ?? Infinity),
      };
      if (shown) shown = { ...shown, startedAt: shown.startedAt + deltaMs };
      if (preparing) preparing = { ...preparing, startedAt: preparing.startedAt + deltaMs };
      if (!preparing) arm();
    },

    /** The player reports that the slide on screen failed (a video stalled). */
    slideFailed(key, sha256, why) {
      if (key === null || position?.key !== key) return;
      fail(key, sha256, why);
    },

    /** Stops the rotation (unpaired), counting the slide on screen up to now. */
    stop() {
      generation++;
      preparing = null;
      timer.cancel();
      finishPlay(clock.now());
      manifest = null;
      position = null;
      failures.clear();
    },

    snapshot() {
      const text = shown && shown.key !== null && position && !position.standby && position.key === shown.key ? shown.text : 0;
      return {
        current: position && !position.standby
          ? {
              id: position.slide.id,
              key: position.key,
              kind: position.slide.kind,
              title: position.slide.title,
              language: position.slide.language,
              // the language whose words are on screen now, of all the slide's languages
              showing: textsOf(position.slide)[text]?.language ?? position.slide.language,
              languages: textsOf(position.slide).map((t) => t.language),
              startedAt: new Date(position.startedAt).toISOString(),
              deadline: new Date(position.deadline).toISOString(),
            }
          : null,
        standby: position?.standby === true,
        failures: [...failures.entries()].map(([key, f]) => ({ key, count: f.count, retryAt: new Date(f.retryAt).toISOString() })),
      };
    },

    currentSlideId() {
      return shown && shown.key !== null && shown.slideId !== DEPARTURES_SLIDE_ID ? shown.slideId : null;
    },
  };
}
