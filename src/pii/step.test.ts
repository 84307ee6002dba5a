import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Span } from '../core/document.js';
import { loadPipelineFile, createSteps } from '../core/config.js';
import type { StreamStep } from '../core/step.js';
import { collect, fromArray, sharedPath, testContext, testDoc } from '../core/testing.js';
import { steps } from './index.js';
import { piiOptions, piiStep } from './step.js';
import { cueFor, decoy, pick, plantedPii, seededRandom } from './synthetic.js';

const ID = '11010519491231002X';

async function runPii(texts: string[], options: Record<string, unknown> = {}) {
  const step = (await piiStep.create(piiOptions.parse(options), 'pii')) as StreamStep;
  const ctx = testContext('pii');
  const out = await collect(step.run(fromArray(texts.map((text, i) => testDoc(text, `d${i}`))), ctx));
  return { out, ctx };
}

test('the pii step is registered under its type', () => {
  assert.deepEqual(steps.map((s) => s.type), ['pii']);
});

test('replace mode: typed placeholders, spans with evidence and no raw values, counters', async () => {
  const text = `姓名张三，身份证${ID}，手机138-1234-5678，邮箱zhang@163.com，QQ：12345678。`;
  const { out, ctx } = await runPii([text]);
  const doc = out[0];
  assert.equal(doc.text, '姓名张三，身份证<|id_card|>，手机<|phone|>，邮箱<|email|>，QQ：<|qq|>。');
  const spans = doc.taomi.pii as Span[];
  assert.deepEqual(
    spans.map((s) => [s.rule, text.slice(s.start, s.end), s.value, s.step, s.threshold]),
    [
      ['id_card', ID, 'gb11643:18', 'pii', null],
      ['phone', '138-1234-5678', 'mobile', 'pii', null],
      ['email', 'zhang@163.com', 'email', 'pii', null],
      ['qq', '12345678', 'cue:QQ', 'pii', null],
    ],
  );
  const annotations = JSON.stringify(doc.taomi);
  for (const raw of [ID, '1234', 'zhang', '12345678']) assert.ok(!annotations.includes(raw), raw);
  assert.deepEqual(ctx.stats.counters, { 'pii.id_card': 1, 'pii.phone': 1, 'pii.email': 1, 'pii.qq': 1, 'pii.documents': 1 });
});

test('span offsets are code points into the text as it entered the step', async () => {
  const text = '😀𠮷 电话13812345678 😀 邮箱a@b.cn';
  const { out } = await runPii([text]);
  const points = [...text];
  const spans = out[0].taomi.pii as Span[];
  assert.deepEqual(spans.map((s) => points.slice(s.start, s.end).join('')), ['13812345678', 'a@b.cn']);
  assert.equal(out[0].text, '😀𠮷 电话<|phone|> 😀 邮箱<|email|>');
});

test('mask mode keeps length and separators; annotate mode keeps the text', async () => {
  const text = `电话 +86 138-1234-5678，邮箱 li.wei@163.com，IP 8.8.8.8`;
  const masked = await runPii([text], { mode: 'mask', mask_char: '#' });
  assert.equal(masked.out[0].text, '电话 +## ###-####-####，邮箱 ##.###@###.###，IP #.#.#.#');
  assert.equal(masked.out[0].text.length, text.length);
  const annotated = await runPii([text], { mode: 'annotate' });
  assert.equal(annotated.out[0].text, text);
  assert.equal((annotated.out[0].taomi.pii as Span[]).length, 3);
});

test('placeholders can be overridden per rule', async () => {
  const { out } = await runPii(['手机13812345678，卡号4111111111111111'], { placeholders: { phone: '[电话]' } });
  assert.equal(out[0].text, '手机[电话]，卡号<|bank_card|>');
});

test('max_hits drops documents above the limit with value and threshold', async () => {
  const { out, ctx } = await runPii(['13812345678 13912345678 13712345678', '只有一个：13812345678', '没有'], { max_hits: 2 });
  assert.deepEqual(out.map((d) => d.id), ['d1', 'd2']);
  assert.equal(ctx.removed.length, 1);
  assert.deepEqual(ctx.removed[0].removal, { step: 'pii', rule: 'pii_hits', value: 3, threshold: 2 });
  assert.equal(out[1].taomi.pii, undefined);
});

test('allow list keeps configured public numbers', async () => {
  const { out } = await runPii(['客服 010-62345678，经理 13812345678'], { allow: ['010-62345678'] });
  assert.equal(out[0].text, '客服 010-62345678，经理 <|phone|>');
});

test('a second pii step appends to existing spans', async () => {
  const step = (await piiStep.create(piiOptions.parse({}), 'pii2')) as StreamStep;
  const doc = testDoc('手机13812345678');
  doc.taomi.pii = [{ start: 0, end: 1, step: 'pii1', rule: 'email', value: 'email', threshold: null }];
  const [out] = await collect(step.run(fromArray([doc]), testContext('pii2')));
  assert.deepEqual((out.taomi.pii as Span[]).map((s) => s.step), ['pii1', 'pii2']);
});

test('unknown options and detectors are rejected', () => {
  assert.equal(piiOptions.safeParse({ detectors: ['phone', 'ssn'] }).success, false);
  assert.equal(piiOptions.safeParse({ mode: 'delete' }).success, false);
  assert.equal(piiOptions.safeParse({ max_hit: 3 }).success, false);
  assert.equal(piiOptions.safeParse({ mask_char: '**' }).success, false);
});

test('presets/pii.yaml loads and builds the step', async () => {
  const file = fileURLToPath(new URL('../../presets/pii.yaml', import.meta.url));
  const config = await loadPipelineFile(file);
  const built = await createSteps(config);
  assert.deepEqual(built.map((s) => s.name), ['pii']);
});

test('generated text: every planted identifier is found (recall 1.0) and every decoy survives', async () => {
  const random = seededRandom(20261127);
  const texts: string[] = [];
  const planted: Array<Array<{ rule: string; value: string }>> = [];
  const decoys: string[][] = [];
  for (let d = 0; d < 150; d++) {
    let text = '';
    const docPlanted: Array<{ rule: string; value: string }> = [];
    const docDecoys: string[] = [];
    for (let k = 0; k < 20; k++) {
      const pii = plantedPii(random);
      const fake = decoy(random);
      text += `${cueFor(random, pii.rule)}${pii.text}${pick(random, ['，', '。', '；', '\n', ' '])}另有${fake}${pick(random, ['，', '。\n', '；'])}`;
      docPlanted.push({ rule: pii.rule, value: pii.text });
      docDecoys.push(fake);
    }
    texts.push(text);
    planted.push(docPlanted);
    decoys.push(docDecoys);
  }
  const { out, ctx } = await runPii(texts, { mode: 'annotate' });
  let expected = 0;
  out.forEach((doc, d) => {
    const spans = doc.taomi.pii as Span[];
    const foundValues = spans.map((s) => `${s.rule}=${[...doc.text].slice(s.start, s.end).join('')}`);
    const wanted = planted[d].map((p) => `${p.rule}=${p.value}`);
    expected += wanted.length;
    assert.deepEqual(foundValues, wanted, `document ${d}`);
  });
  const redacted = await runPii(texts);
  redacted.out.forEach((doc, d) => {
    for (const fake of decoys[d]) assert.ok(doc.text.includes(fake), `decoy lost: ${fake}`);
    for (const p of planted[d]) assert.ok(!doc.text.includes(p.value), `identifier left: ${p.value}`);
  });
  const counted = Object.entries(ctx.stats.counters).filter(([k]) => k !== 'pii.documents').reduce((sum, [, v]) => sum + v, 0);
  assert.equal(counted, expected);
});

const SHARED = sharedPath('data/ccnet-zh/docs.jsonl');

test('real Chinese web text runs through the step with balanced output', { skip: !SHARED && 'no shared data' }, async () => {
  const texts = readFileSync(SHARED!, 'utf8').split('\n').filter(Boolean).map((line) => String(JSON.parse(line).text ?? ''));
  const { out, ctx } = await runPii(texts);
  assert.equal(out.length + ctx.removed.length, texts.length);
  for (const doc of out) for (const span of (doc.taomi.pii as Span[] | undefined) ?? []) assert.ok(span.end > span.start);
});
