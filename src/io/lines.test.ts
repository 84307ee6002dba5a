import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineSplitter, isBlank, type RawLine } from './lines.js';

function split(chunks: string[], maxLineBytes = 1024): Array<Omit<RawLine, 'bytes'> & { text: string }> {
  const splitter = new LineSplitter(maxLineBytes);
  const lines = [...chunks.flatMap((chunk) => splitter.push(Buffer.from(chunk))), ...splitter.end()];
  return lines.map(({ bytes, ...rest }) => ({ ...rest, text: bytes.toString('utf8') }));
}

test('splits lines inside and across chunks, with offsets and sizes', () => {
  const lines = split(['ab\ncd', 'ef\n\ngh']);
  assert.deepEqual(
    lines.map((l) => [l.line, l.offset, l.size, l.text]),
    [
      [1, 0, 3, 'ab'],
      [2, 3, 5, 'cdef'],
      [3, 8, 1, ''],
      [4, 9, 2, 'gh'],
    ],
  );
});

test('drops the carriage return of CRLF lines', () => {
  assert.deepEqual(
    split(['a\r\nb\r', '\n']).map((l) => l.text),
    ['a', 'b'],
  );
});

test('a line over the cap is flagged, keeps only its head, and the next line is intact', () => {
  const long = 'x'.repeat(5000);
  const lines = split([long.slice(0, 2000), long.slice(2000) + '\nnext\n'], 3000);
  assert.equal(lines.length, 2);
  assert.equal(lines[0].tooLarge, true);
  assert.equal(lines[0].size, 5001);
  assert.equal(lines[0].text, 'x'.repeat(1024));
  assert.deepEqual([lines[1].text, lines[1].tooLarge, lines[1].offset], ['next', false, 5001]);
});

test('a line over the cap inside a single chunk is flagged too', () => {
  const lines = split(['y'.repeat(100) + '\nok\n'], 50);
  assert.deepEqual(
    lines.map((l) => [l.tooLarge, l.text.length]),
    [
      [true, 100],
      [false, 2],
    ],
  );
});

test('reports the incomplete tail and the bytes seen', () => {
  const splitter = new LineSplitter(100);
  splitter.push(Buffer.from('one\ntw'));
  assert.equal(splitter.currentLine, 2);
  assert.equal(splitter.incompleteBytes, 2);
  assert.equal(splitter.bytesSeen, 6);
});

test('isBlank accepts only spaces, tabs and CR', () => {
  assert.equal(isBlank(Buffer.from(' \t\r')), true);
  assert.equal(isBlank(Buffer.from(' {}')), false);
});
