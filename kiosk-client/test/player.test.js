import { test } from 'node:test';
import assert from 'node:assert/strict';
import { separated } from '../js/player.js';

test('a_separator_stays_with_the_word_before_it', () => {
  assert.equal(separated('Vigtig meddelelse', 'Important'), 'Vigtig meddelelse\u00a0· Important');
  // the only breakable space is after the dot
  assert.deepEqual(separated('Vigtig meddelelse', 'Important').split(' '), ['Vigtig', 'meddelelse\u00a0·', 'Important']);
});

test('empty_parts_leave_no_dangling_separator', () => {
  assert.equal(separated('Campus Signage', null, ''), 'Campus Signage');
  assert.equal(separated(undefined, 'signage.local'), 'signage.local');
  assert.equal(separated(), '');
});
