import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codePointLength } from './document.js';

test('codePointLength counts a surrogate pair once and a lone surrogate once', () => {
  assert.equal(codePointLength(''), 0);
  assert.equal(codePointLength('中文abc'), 5);
  assert.equal(codePointLength('😀中'), 2);
  assert.equal(codePointLength('\ud83d中\ude00'), 3);
  assert.equal(codePointLength('a\ud83d'), 2);
  assert.equal(codePointLength('𠀀𠀁'), [...'𠀀𠀁'].length);
});
