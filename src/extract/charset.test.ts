import assert from 'node:assert/strict';
import { isUtf8 } from 'node:buffer';
import { test } from 'node:test';
import { withoutCutSequence } from './charset.js';

test('withoutCutSequence drops a UTF-8 character cut at the end and nothing else', () => {
  const text = Buffer.from('汉字a😀');
  for (let end = 0; end <= text.length; end++) {
    const sample = text.subarray(0, end);
    const trimmed = withoutCutSequence(sample);
    assert.ok(isUtf8(trimmed), `valid after trimming at ${end}`);
    assert.ok(sample.length - trimmed.length <= 3, `at most a partial character dropped at ${end}`);
    assert.equal(Buffer.from(trimmed).toString('utf8'), sample.toString('utf8').replace(/\uFFFD+$/u, ''), `at ${end}`);
  }
});

test('withoutCutSequence leaves invalid bytes invalid', () => {
  for (const bytes of [[0x61, 0x80], [0xd6, 0xd0, 0xce, 0xc4], [0xe6, 0xb1, 0xe6]]) {
    assert.equal(isUtf8(withoutCutSequence(Uint8Array.from(bytes))), false, bytes.join(','));
  }
});
