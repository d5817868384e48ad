import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contrast, safeColour, textOn } from '../js/colour.js';

test('only_plain_hex_colours_reach_the_stylesheet', () => {
  assert.equal(safeColour('#1D4E89'), '#1d4e89');
  assert.equal(safeColour('red'), '#4b5d6e');
  assert.equal(safeColour('#fff'), '#4b5d6e');
  assert.equal(safeColour('#123456; background:url(x)'), '#4b5d6e');
  assert.equal(safeColour(undefined), '#4b5d6e');
});

test('puts_white_text_on_the_campus_colours_and_dark_text_on_light_ones', () => {
  for (const c of ['#1d4e89', '#a84300', '#1b7340', '#6a2c91', '#b00030', '#2e2e2e', '#a0256e', '#006d77', '#4b5d6e']) {
    assert.equal(textOn(c), '#ffffff', c);
    assert.ok(contrast(c, '#ffffff') >= 4.5, c);
  }
  assert.equal(textOn('#ffd166'), '#111111');
  assert.equal(textOn('#ffffff'), '#111111');
});
