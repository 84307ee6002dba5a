import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mojibakeChars, normalizeText } from './normalize.js';
import { normalizeStep } from './normalize-step.js';
import { collect, fromArray, testContext, testDoc } from '../core/testing.js';
import type { StreamStep } from '../core/step.js';

test('folds full-width letters, digits and the ideographic space but keeps CJK punctuation', () => {
  const { text, changedChars } = normalizeText('ＡＢＣ１２３ｘｙｚ，测试！（括号）：“引号”。');
  assert.equal(text, 'ABC123xyz，测试！（括号）：“引号”。');
  assert.equal(changedChars, 9);
  assert.equal(normalizeText('你好\u3000世界').text, '你好 世界');
});

test('composes to NFC', () => {
  assert.equal(normalizeText('Cafe\u0301').text, 'Café');
});

test('strips control and zero-width characters but keeps newlines and tabs', () => {
  const input = '\ufeff第一\u200b行\u0007\n第\u00ad二\u200e行\t结束\u202e';
  assert.equal(normalizeText(input).text, '第一行\n第二行\t结束');
});

test('keeps a zero-width joiner inside an emoji sequence, drops it elsewhere', () => {
  const family = '👨\u200d👩\u200d👧';
  assert.equal(normalizeText(`家庭${family}合照`).text, `家庭${family}合照`);
  assert.equal(normalizeText('中\u200d文').text, '中文');
});

test('normalises whitespace: CRLF, runs, trailing blanks, blank-line runs', () => {
  const input = '  第一段  内容  \r\n第二段\t\t内容\r\n\n\n\n\n\n第三段   ';
  assert.equal(normalizeText(input).text, '第一段 内容\n第二段 内容\n\n\n第三段');
});

test('returns the same string and counts nothing when the text is already clean', () => {
  const clean = '这是一段干净的文本。\n第二行，没有问题！';
  const result = normalizeText(clean);
  assert.equal(result.text, clean);
  assert.equal(result.changedChars, 0);
  assert.equal(result.mojibakeChars, 0);
});

test('replaces lone surrogates with U+FFFD and counts them', () => {
  const result = normalizeText('坏\ud800字符\udc00尾');
  assert.equal(result.text, '坏\ufffd字符\ufffd尾');
  assert.equal(result.loneSurrogates, 2);
  assert.equal(result.replacementChars, 2);
});

test('detects UTF-8 read as Latin-1 and as GBK', () => {
  const original = '首页新闻中心关于我们联系方式';
  const asLatin1 = Buffer.from(original, 'utf8').toString('latin1');
  assert.ok(mojibakeChars(asLatin1) > 10, 'latin-1 mojibake');
  const asGbk = new TextDecoder('gbk').decode(Buffer.from(original, 'utf8'));
  assert.ok(mojibakeChars(asGbk) > 10, `gbk mojibake: ${asGbk}`);
  assert.equal(mojibakeChars(original), 0);
  assert.equal(mojibakeChars('我们在北京大学读书，学习中文和历史。'), 0);
  assert.equal(mojibakeChars('我們在北京大學讀書，學習中文和歷史。'), 0);
});

test('bad input: only punctuation, only whitespace, emoji and a 5 MB line do not crash', () => {
  assert.equal(normalizeText('。，！？……').text, '。，！？……');
  assert.equal(normalizeText(' \t \r\n \n ').text, '');
  assert.equal(normalizeText('😀😀 👍🏽').text, '😀😀 👍🏽');
  const huge = '中'.repeat(5_000_000);
  const started = performance.now();
  assert.equal(normalizeText(huge).text.length, huge.length);
  assert.ok(performance.now() - started < 3000);
});

test('adversarial whitespace and mojibake-like runs stay linear', () => {
  const inputs = [' '.repeat(200_000) + 'x', '\t \u200d'.repeat(100_000), 'Ã'.repeat(300_000), '\n'.repeat(300_000), '鍙'.repeat(300_000)];
  for (const input of inputs) {
    const started = process.cpuUsage();
    normalizeText(input);
    const used = process.cpuUsage(started);
    assert.ok((used.user + used.system) / 1000 < 1000, `slow on ${JSON.stringify(input.slice(0, 3))}`);
  }
});

test('the normalize step rewrites text, flags mojibake and counts changes', async () => {
  const step = (await normalizeStep.create(normalizeStep.options.parse({}), 'normalize')) as StreamStep;
  const ctx = testContext('normalize');
  const garbled = new TextDecoder('gbk').decode(Buffer.from('这是一个乱码测试页面的标题和正文内容', 'utf8'));
  const [fixed, broken] = await collect(step.run(fromArray([testDoc('ＡＢＣ  测试\r\n', 'a'), testDoc(garbled, 'b')]), ctx));
  assert.equal(fixed.text, 'ABC 测试');
  assert.ok((broken.taomi.flags as string[]).includes('mojibake'));
  assert.ok((broken.taomi.mojibake_ratio as number) > 0.2, String(broken.taomi.mojibake_ratio));
  assert.equal(ctx.stats.counters.docs_changed, 1);
  assert.equal(ctx.stats.counters['flag.mojibake'], 1);
});
