import assert from 'node:assert/strict';
import { isUtf8 } from 'node:buffer';
import { test } from 'node:test';
import { seededRandom } from '../core/random.js';
import { measure, measureUtf8, withoutCutSequence } from './charset.js';

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

test('measureUtf8 tallies exactly what measuring the decoded text tallies, up to the sample limit and a cut end', () => {
  const random = seededRandom(7);
  // ASCII, Latin-1, common and rare Han, private use, a literal U+FFFD and supplementary characters.
  const pool = ['a', ' ', '<', 'ascii only', 'é', '\u00a0', '的', '国', '鑫', '\u3400', '\ue000', '\ufffd', '😀', '𠀀', 'ア'];
  for (const length of [0, 10, 1000, 48 * 1024 - 1, 48 * 1024, 48 * 1024 + 1, 70_000]) {
    let text = '';
    while (text.length < length) text += pool[Math.floor(random() * pool.length)];
    const bytes = Buffer.from(text);
    for (const cut of [0, 1, 2, 3]) {
      const sample = bytes.subarray(0, Math.max(0, bytes.length - cut));
      assert.deepEqual(measureUtf8(sample), measure(sample.toString('utf8')), `length ${length}, cut ${cut}`);
    }
    // Long ASCII stretches at every alignment of the underlying buffer.
    const padded = Buffer.from(`${'x'.repeat(37)}${text.replace(/[a< ]/g, 'abcdefgh')}`);
    for (let shift = 0; shift < 4; shift++) {
      const sample = padded.subarray(shift, padded.length - shift);
      assert.deepEqual(measureUtf8(sample), measure(sample.toString('utf8')), `length ${length}, shift ${shift}`);
    }
  }
  assert.equal(measureUtf8(Uint8Array.from([0x61, 0xd6, 0xd0, 0x62])), null, 'GBK bytes are not UTF-8');
});
