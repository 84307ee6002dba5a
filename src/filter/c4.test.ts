import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collect, fromArray, testContext, testDoc } from '../core/testing.js';
import { c4Options, c4Step, countSentences } from './c4.js';

async function runC4(text: string, options: Record<string, unknown> = {}) {
  const step = await c4Step.create(c4Options.parse(options), 'c4');
  if (step.kind !== 'stream') throw new Error('c4 is a stream step');
  const ctx = testContext('c4');
  const out = await collect(step.run(fromArray([testDoc(text)]), ctx));
  return { out, ctx };
}

const ARTICLE = [
  '本市图书馆今年新增了三万册图书，借阅人数比去年增长了两成。',
  '馆长介绍说，新馆舍的阅览区全天开放，周末还会举办亲子阅读活动。',
  '不少市民表示，家门口的图书馆让他们重新养成了读书的习惯。',
  '下一步，图书馆计划与学校合作，把流动书车开进更多的社区和乡镇！',
  '你愿意在周末带孩子去图书馆吗？',
].join('\n');

test('C4 keeps Chinese lines ending in 。！？ (the ASCII end-mark bug is gone)', async () => {
  const { out, ctx } = await runC4(ARTICLE, { filter_no_terminal_punct: true });
  assert.equal(ctx.removed.length, 0);
  assert.equal(out[0].text, ARTICLE);
  assert.equal(out[0].taomi.removed_spans, undefined);
});

test('C4 terminal-punctuation rule, when switched on, cuts lines without an end mark or ending in …', async () => {
  const text = `${ARTICLE}\n图书馆开放时间调整\n更多精彩内容请关注……`;
  const { out } = await runC4(text, { filter_no_terminal_punct: true });
  assert.equal(out[0].text, ARTICLE);
  const rules = (out[0].taomi.removed_spans ?? []).map((span) => span.rule);
  assert.deepEqual(rules, ['no_terminal_punct', 'no_terminal_punct']);
});

test('C4 counts words with jieba, not whitespace: a Chinese sentence is many words', async () => {
  const { out } = await runC4(`${ARTICLE}\n首页\n联系我们`);
  assert.equal(out[0].text, ARTICLE, 'a long sentence without spaces survives min_words_per_line=3');
  const spans = out[0].taomi.removed_spans ?? [];
  assert.deepEqual(spans.map((span) => [span.rule, span.value, span.threshold]), [
    ['few_words', 1, 3],
    ['few_words', 2, 3],
  ]);
});

test('C4 cuts javascript and policy lines, and records them as spans', async () => {
  const text = `${ARTICLE}\n您的浏览器需要启用 JavaScript 才能正常浏览本站内容。\n继续使用本网站即表示您同意我们的隐私政策和使用条款。`;
  const { out } = await runC4(text);
  assert.equal(out[0].text, ARTICLE);
  assert.deepEqual((out[0].taomi.removed_spans ?? []).map((span) => span.rule), ['javascript', 'policy']);
});

test('C4 drops documents with lorem ipsum, a curly bracket, or too few sentences', async () => {
  const lorem = await runC4(`${ARTICLE}\nLorem ipsum dolor sit amet, consectetur adipiscing elit.`);
  assert.equal(lorem.ctx.removed[0].removal.rule, 'lorem_ipsum');
  const bracket = await runC4(`${ARTICLE}\n function show() { return 1; } 页面脚本代码`);
  assert.equal(bracket.ctx.removed[0].removal.rule, 'curly_bracket');
  const short = await runC4('今天天气很好，我们一起去公园散步。\n公园里的花都开了，游客很多。');
  assert.deepEqual(
    [short.ctx.removed[0].removal.rule, short.ctx.removed[0].removal.value, short.ctx.removed[0].removal.threshold],
    ['too_few_sentences', 2, 5],
  );
});

test('annotate mode keeps everything and writes the scores', async () => {
  const { out, ctx } = await runC4('今天天气很好。\n首页', { mode: 'annotate' });
  assert.equal(ctx.removed.length, 0);
  assert.equal(out[0].text, '今天天气很好。\n首页');
  assert.deepEqual((out[0].taomi.quality as Record<string, unknown>).c4, { sentences: 1, lines_removed: 1 });
});

test('sentences close on CJK marks; a dot inside a number or URL does not end one', () => {
  assert.equal(countSentences('第一句。第二句！第三句？还没说完'), 4);
  assert.equal(countSentences('圆周率约为3.14，网址是example.com，对吧。'), 1);
  assert.equal(countSentences('……。！'), 0);
  assert.equal(countSentences('He left. She stayed.'), 2);
});
