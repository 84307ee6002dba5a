import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isWhitespaceCode } from './whitespace.js';

test('isWhitespaceCode agrees with \\s on every UTF-16 unit', () => {
  for (let code = 0; code < 0x10000; code++) {
    assert.equal(isWhitespaceCode(code), /\s/.test(String.fromCharCode(code)), `U+${code.toString(16)}`);
  }
});
