import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runDefinition, testDoc } from '../core/testing.js';
import { analysisOf, rememberAnalysis, TextAnalysis } from './analysis.js';
import { finewebQualityStep } from './fineweb-quality.js';
import { isHanCodePoint } from '../text/han.js';
import { shapeOf, zhShapeStep } from './zh-shape.js';

const run = runDefinition;

const LINES = [
  '这座老城区的改造持续了三年，街道两旁的房屋保留了原来的青砖灰瓦。',
  '改造后的步行街吸引了许多年轻人来开咖啡馆和书店，周末的人流量明显增加。',
  '住在这里的老人说，变化最大的是晚上，路灯亮了，巷子里也不再黑漆漆的了。',
  '区里还在街口设置了便民服务点，居民可以就近办理社保和缴纳水电费。',
  '不过也有商户反映，租金上涨得太快，希望有关部门能够出台一些扶持措施。',
];
const ARTICLE = LINES.join('\n');

test('fineweb_quality keeps an article whose lines end in 。 (CJK end marks count)', async () => {
  const { out, removal } = await run(finewebQualityStep, ARTICLE);
  assert.equal(removal, undefined);
  const scores = (out[0].taomi.quality as Record<string, Record<string, number>>).fineweb_quality;
  assert.equal(scores.line_punct_ratio, 1);
});

test('fineweb_quality: each rule fails on a document built to fail it', async () => {
  const menu = Array.from({ length: 12 }, (_, i) => `栏目${i + 1} 新闻 体育 财经 科技`).join('\n');
  assert.equal((await run(finewebQualityStep, menu)).removal?.rule, 'line_punct_ratio');
  const duplicated = `${ARTICLE}\n${LINES[0]}\n${LINES[1]}`;
  assert.deepEqual(
    [(await run(finewebQualityStep, duplicated)).removal?.rule, (await run(finewebQualityStep, duplicated)).removal?.threshold],
    ['char_dup_ratio', 0.1],
  );
  const list = `${ARTICLE}\n${Array.from({ length: 60 }, (_, i) => `${i}。`).join('\n')}`;
  assert.equal((await run(finewebQualityStep, list)).removal?.rule, 'new_line_ratio');
  const short = `${ARTICLE}\n${Array.from({ length: 20 }, (_, i) => `短句${i}。`).join('\n')}`;
  assert.equal((await run(finewebQualityStep, short, { short_line_thr: 0.67, new_line_ratio: null })).removal?.rule, 'short_line_ratio');
  assert.equal((await run(finewebQualityStep, ' \n \n')).removal?.rule, 'empty');
});

test('fineweb_quality looks through closing quotes: 。” ends a line', async () => {
  const quoted = LINES.map((line) => `他说：“${line}”`).join('\n');
  assert.equal((await run(finewebQualityStep, quoted)).removal, undefined);
});

test('zh_shape keeps an article and removes short, non-Han and fragmented texts', async () => {
  assert.equal((await run(zhShapeStep, `${ARTICLE}\n${ARTICLE}`)).removal, undefined);
  const short = await run(zhShapeStep, LINES[0]);
  assert.deepEqual([short.removal?.rule, short.removal?.threshold], ['too_short', 201]);
  const latin = await run(zhShapeStep, `${'This page is mostly English text with a few words. '.repeat(10)}中文标题`);
  assert.equal(latin.removal?.rule, 'han_ratio');
  const fragments = await run(zhShapeStep, Array.from({ length: 80 }, (_, i) => `第${i}页`).join('\n'));
  assert.equal(fragments.removal?.rule, 'mean_line_length');
});

test('zh_shape counts Extension A/B characters and 〇 as Han (CWT\'s U+4E00–U+9FA5 misses them)', () => {
  for (const char of ['㐀', '𠀀', '〇', '鿿', '丽']) assert.ok(isHanCodePoint(char.codePointAt(0)!), char);
  for (const char of ['。', 'a', 'あ', '한']) assert.ok(!isHanCodePoint(char.codePointAt(0)!), char);
  assert.deepEqual(shapeOf('𠀀〇㐀\n\nab'), { chars: 7, han: 3, meanLineLength: 2.5 });
});

test('the analysis cache segments once and follows text changes', () => {
  const doc = testDoc(ARTICLE);
  const first = analysisOf(doc);
  assert.equal(analysisOf(doc), first);
  const tokens = first.tokens;
  assert.equal(first.tokens, tokens);
  doc.text = LINES[0];
  assert.notEqual(analysisOf(doc), first);
  const derived = new TextAnalysis(ARTICLE).withoutLines(new Set([1, 3]));
  const fresh = new TextAnalysis([LINES[0], LINES[2], LINES[4]].join('\n'));
  assert.equal(derived.text, fresh.text);
  for (const key of ['length', 'flags', 'line', 'hashA', 'hashB'] as const) {
    assert.deepEqual([...derived.tokens[key]], [...fresh.tokens[key]], key);
  }
  doc.text = derived.text;
  rememberAnalysis(doc, derived);
  assert.equal(analysisOf(doc), derived);
});
