import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endsWithTerminalPunctuation, words, wordsOf } from './words.js';

test('words() segments with jieba and drops punctuation and whitespace tokens', () => {
  assert.deepEqual(words('我爱北京天安门。 你好！'), ['我', '爱', '北京', '天安门', '你好']);
});

test('wordsOf() segments a document once and re-segments after the text changes', () => {
  const doc = { text: '南京市长江大桥很长。' };
  const first = wordsOf(doc);
  assert.equal(wordsOf(doc), first, 'same array from the cache');
  doc.text = '今天天气很好。';
  assert.deepEqual(wordsOf(doc), words('今天天气很好。'));
  assert.notEqual(wordsOf(doc), first);
});

test('CJK and ASCII end marks, through closing quotes', () => {
  for (const line of ['结束了。', '真的吗？', '太好了！', '他说：“走吧。”', '省略……', 'Done.', '分号；']) assert.ok(endsWithTerminalPunctuation(line), line);
  for (const line of ['没有结束', '逗号，', '首页 > 新闻']) assert.ok(!endsWithTerminalPunctuation(line), line);
});
