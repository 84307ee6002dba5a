import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endsWithTerminalPunctuation, words } from './words.js';

test('words() segments with jieba and drops punctuation and whitespace tokens', () => {
  assert.deepEqual(words('我爱北京天安门。 你好！'), ['我', '爱', '北京', '天安门', '你好']);
});

test('CJK and ASCII end marks, through closing quotes', () => {
  for (const line of ['结束了。', '真的吗？', '太好了！', '他说：“走吧。”', '省略……', 'Done.', '分号；']) assert.ok(endsWithTerminalPunctuation(line), line);
  for (const line of ['没有结束', '逗号，', '首页 > 新闻']) assert.ok(!endsWithTerminalPunctuation(line), line);
});
