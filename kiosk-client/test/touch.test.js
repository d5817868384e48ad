import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  IDLE_MS, createIdle, dayKey, filtered, idleMsOf, institutionsOf, messagesOf, runsOn, showingsOf, textIn, timesOn, weekDays, words,
} from '../js/touch.js';

const NOW = Date.parse('2026-12-06T07:30:00Z'); // Sunday morning in Copenhagen
const gym = { name: 'Gymnasiet', colour: '#3d7fd0' };
const lib = { name: 'Biblioteket', colour: '#2f9e5f' };
const slides = [
  { id: 1, kind: 'text', title: 'Åbent hus', until: '2026-12-08T16:00:00Z', institution: gym,
    texts: [{ language: 'da', title: 'Åbent hus', html: '<p>Kom</p>' }, { language: 'en', title: 'Open house', html: '<p>Come</p>' }] },
  { id: 2, kind: 'text', title: 'Lektiecafé', until: null, institution: lib, texts: [{ language: 'da', title: 'Lektiecafé', html: '' }] },
  { id: 1, kind: 'text', title: 'Åbent hus', until: '2026-12-08T16:00:00Z', institution: gym, texts: [] },
  { id: 3, kind: 'departures', title: 'Tog', institution: lib },
];

test('the week starts today on campus and counts calendar days across the change of time', () => {
  assert.equal(dayKey(Date.parse('2026-12-06T23:30:00Z')), '2026-12-07');
  const week = weekDays(NOW);
  assert.equal(week.length, 7);
  assert.deepEqual(week.map((d) => d.key), ['2026-12-06', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12']);
  const october = weekDays(Date.parse('2026-10-24T22:30:00Z')).map((d) => d.key); // the night summer time ends
  assert.deepEqual(october.slice(0, 3), ['2026-10-25', '2026-10-26', '2026-10-27']);
  assert.match(weekDays(NOW, { language: 'en' })[0].label, /Sun/);
  assert.match(weekDays(NOW, { language: 'da' })[0].label, /søn/);
});

test('messages are listed once each, without the departures board', () => {
  assert.deepEqual(messagesOf({ slides }).map((s) => s.id), [1, 2]);
  assert.deepEqual(messagesOf(null), []);
});

test('a message runs every day until its end; without an end, every day', () => {
  const [open, cafe] = messagesOf({ slides });
  assert.equal(runsOn(open, '2026-12-08'), true);
  assert.equal(runsOn(open, '2026-12-09'), false);
  assert.equal(runsOn(cafe, '2026-12-12'), true);
  // ending at midnight: the day before is its last
  assert.equal(runsOn({ until: '2026-12-08T23:00:00Z' }, '2026-12-09'), false);
});

test('filtering by day and by institution', () => {
  const messages = messagesOf({ slides });
  assert.deepEqual(institutionsOf(messages), ['Biblioteket', 'Gymnasiet']);
  assert.deepEqual(filtered(messages, { day: '2026-12-07' }).map((s) => s.id), [1, 2]);
  assert.deepEqual(filtered(messages, { day: '2026-12-10' }).map((s) => s.id), [2]);
  assert.deepEqual(filtered(messages, { day: '2026-12-07', institution: 'Gymnasiet' }).map((s) => s.id), [1]);
  assert.deepEqual(filtered(messages, { day: '2026-12-10', institution: 'Gymnasiet' }), []);
});

test('the language switch: the message in English when it has English, else its first text; the view words', () => {
  const [open, cafe] = messagesOf({ slides });
  assert.equal(textIn(open, 'en').title, 'Open house');
  assert.equal(textIn(open, 'da').title, 'Åbent hus');
  assert.equal(textIn(cafe, 'en').title, 'Lektiecafé');
  assert.equal(textIn({ title: 'Gammel', html: '' }, 'en').title, 'Gammel');
  assert.equal(words('da').heading, 'Hvad sker der?');
  assert.equal(words('en').heading, "What's on");
  assert.equal(words('xx'), words('da'));
  assert.equal(words('da').languageCode, 'en');
});

test('the idle timer returns after 60 s untouched, and each touch starts it again', () => {
  let now = 0;
  const pending = new Map();
  let next = 1;
  const setTimeout = (fn, ms) => (pending.set(next, { fn, at: now + ms }), next++);
  const clearTimeout = (id) => pending.delete(id);
  const advance = (ms) => {
    now += ms;
    for (const [id, t] of [...pending]) if (t.at <= now) (pending.delete(id), t.fn());
  };
  let idle = 0;
  const timer = createIdle({ onIdle: () => idle++, setTimeout, clearTimeout });
  timer.touch();
  advance(59_000);
  timer.touch();
  advance(59_000);
  assert.equal(idle, 0);
  advance(1_000);
  assert.equal(idle, 1);
  assert.equal(timer.running, false);
  timer.touch();
  timer.stop();
  advance(IDLE_MS * 2);
  assert.equal(idle, 1);
});

test('a short idle time only on a loopback address, for tests', () => {
  assert.equal(idleMsOf(''), IDLE_MS);
  assert.equal(idleMsOf('?touch-idle-ms=2000'), IDLE_MS);
  assert.equal(idleMsOf('?touch-idle-ms=2000', { loopback: true }), 2000);
  assert.equal(idleMsOf('?touch-idle-ms=5', { loopback: true }), 100);
  assert.equal(idleMsOf('?touch-idle-ms=abc', { loopback: true }), IDLE_MS);
});

// A touch screen's week as the server sends it (Manifest.Week): the open house on show now
// until Tuesday, a concert coming on Thursday evening, the homework café every weekday
// afternoon, and a night showing across midnight into Saturday.
const week = {
  slides: [slides[0]],
  week: {
    from: '2026-12-06', days: 7,
    coming: [
      { id: 4, kind: 'text', title: 'Koncert', until: '2026-12-10T21:00:00Z', institution: lib, texts: [{ language: 'da', title: 'Koncert', html: '' }] },
      { id: 2, kind: 'text', title: 'Lektiecafé', until: null, institution: lib, texts: [{ language: 'da', title: 'Lektiecafé', html: '' }] },
      { id: 1, kind: 'text', title: 'Åbent hus (igen)', institution: gym, texts: [] },
    ],
    showings: [
      { id: 1, from: '2026-12-05T23:00:00Z', until: '2026-12-08T16:00:00Z' },
      { id: 2, from: '2026-12-07T13:00:00Z', until: '2026-12-07T17:00:00Z' },
      { id: 2, from: '2026-12-08T13:00:00Z', until: '2026-12-08T17:00:00Z' },
      { id: 4, from: '2026-12-10T16:00:00Z', until: '2026-12-10T21:00:00Z' },
      { id: 4, from: '2026-12-11T22:00:00Z', until: '2026-12-12T01:00:00Z' },
      { id: 9, from: 'not a time', until: '2026-12-12T01:00:00Z' },
    ],
  },
};

test('the week: coming messages are listed with those on show, once each', () => {
  assert.deepEqual(messagesOf(week).map((s) => s.id), [1, 4, 2]);
  const showings = showingsOf(week);
  assert.equal(showings.get(2).length, 2);
  assert.equal(showings.has(9), false, 'a showing whose time cannot be read is left out');
  assert.equal(showingsOf({ slides }), null, 'a manifest without a week has no showings');
});

test('by day from the showings: a coming message on its days only, not from today', () => {
  const messages = messagesOf(week);
  const showings = showingsOf(week);
  const on = (day) => filtered(messages, { day, showings }).map((s) => s.id);
  assert.deepEqual(on('2026-12-06'), [1]);
  assert.deepEqual(on('2026-12-07'), [1, 2]);
  assert.deepEqual(on('2026-12-09'), [], 'the café has no showing on Wednesday, the open house has ended');
  assert.deepEqual(on('2026-12-10'), [4]);
  assert.deepEqual(on('2026-12-12'), [4], 'a showing past midnight counts on the day it reaches');
  assert.deepEqual(filtered(messages, { day: '2026-12-07', institution: 'Biblioteket', showings }).map((s) => s.id), [2]);
});

test('the times of a day, on campus: all day is none, a day it starts or ends says so', () => {
  const [open, concert, cafe] = messagesOf(week);
  const showings = showingsOf(week);
  assert.deepEqual(timesOn(open, '2026-12-07', { showings }), [], 'on all day');
  assert.deepEqual(timesOn(open, '2026-12-08', { showings }), [{ from: null, until: '17:00' }]);
  assert.deepEqual(timesOn(cafe, '2026-12-07', { showings }), [{ from: '14:00', until: '18:00' }]);
  assert.deepEqual(timesOn(concert, '2026-12-11', { showings }), [{ from: '23:00', until: null }]);
  assert.deepEqual(timesOn(concert, '2026-12-12', { showings }), [{ from: null, until: '02:00' }]);
  assert.deepEqual(timesOn(cafe, '2026-12-07'), [], 'no showings: no times');
});
