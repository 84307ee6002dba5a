import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runDefinition } from '../core/testing.js';
import { segmenter } from '../text/words.js';
import { TextAnalysis } from './analysis.js';
import { gopherQualityStep } from './gopher-quality.js';
import { gopherRepetition, gopherRepetitionOptions, gopherRepetitionStep } from './gopher-repetition.js';

const run = runDefinition;

const PARAGRAPHS = [
  '今年春天，县里的农民合作社试种了一种耐旱的小麦品种，田间管理由技术员全程指导。',
  '到了六月收获的时候，亩产比往年高出一成多，合作社的社员们都很高兴。',
  '县农业局的负责人说，明年将在更多的乡镇推广这个品种，并为农户提供免费的种子和培训。',
  '也有老农表示担心，新品种的口感和价格还需要市场的检验，不能一哄而上。',
  '专家建议，推广过程中要因地制宜，先在不同土壤条件下做小面积的对比试验。',
];
const GOOD = PARAGRAPHS.join('\n');

test('gopher_quality keeps an ordinary Chinese article and annotates its scores', async () => {
  const { out, removal } = await run(gopherQualityStep, GOOD);
  assert.equal(removal, undefined);
  const scores = (out[0].taomi.quality as Record<string, Record<string, number>>).gopher_quality;
  assert.ok(scores.words >= 50, `jieba finds ${scores.words} words`);
  assert.ok(scores.mean_word_length >= 1 && scores.mean_word_length <= 5);
  assert.ok(scores.stop_words >= 2);
  assert.ok(scores.alpha_words >= 0.735);
});

test('gopher_quality: each rule fails on a document built to fail it', async () => {
  const cases: Array<[string, string, Record<string, unknown>?]> = [
    ['too_few_words', '今天天气很好。'],
    ['mean_word_length_high', `${GOOD}\n${'supercalifragilisticexpialidocious '.repeat(200)}`],
    ['hash_ratio', `${GOOD}\n${'#话题# '.repeat(40)}`],
    ['ellipsis_lines', `${GOOD}\n${Array.from({ length: 4 }, (_, i) => `第${i + 1}条新闻的标题写到这里就……`).join('\n')}`],
    ['bullet_lines', PARAGRAPHS.map((line) => `• ${line}`).join('\n')],
    ['alpha_words', `${GOOD}\n${'2024 年 12 月 31 日 18 : 30 ， 100 % 。 '.repeat(30)}`],
    ['stop_words', `${'学校图书馆阅览室开放时间调整通知，周一至周五上午八点开门，晚上十点关门，周末照常开放，欢迎同学们前来借阅图书，请保持安静，爱护公共设施。'.repeat(2)}`],
  ];
  for (const [rule, text, options] of cases) {
    const { removal } = await run(gopherQualityStep, text, options);
    assert.equal(removal?.rule, rule, `expected ${rule}, got ${JSON.stringify(removal)}`);
    assert.equal(typeof removal?.value, 'number');
    assert.notEqual(removal?.threshold, null);
  }
});

test('gopher_quality: a threshold set to null switches its rule off', async () => {
  const { removal } = await run(gopherQualityStep, '今天天气很好。', { min_doc_words: null, min_stop_words: null });
  assert.equal(removal, undefined);
});

/** Straight port of datatrove's GopherRepetitionFilter helpers, on jieba tokens, as the reference. */
function referenceRepetition(text: string) {
  const tokens = segmenter().cut(text, false).map((token) => token.trim()).filter((token) => token !== '');
  const len = (s: string) => [...s].length;
  const grams = (n: number, sep: string) => tokens.slice(0, Math.max(0, tokens.length - n + 1)).map((_, i) => tokens.slice(i, i + n).join(sep));
  const top = (n: number) => {
    const counts = new Map<string, number>();
    for (const gram of grams(n, ' ')) counts.set(gram, (counts.get(gram) ?? 0) + 1);
    let best = ['', 0] as [string, number];
    for (const entry of counts) if (entry[1] > best[1]) best = entry;
    return (len(best[0]) * best[1]) / len(text);
  };
  const dup = (n: number) => {
    const unique = new Set<string>();
    let repeated = 0;
    let i = 0;
    while (i < tokens.length - n + 1) {
      const gram = tokens.slice(i, i + n).join('');
      if (unique.has(gram)) {
        repeated += len(gram);
        i += n;
      } else {
        unique.add(gram);
        i++;
      }
    }
    return repeated / len(text);
  };
  const scores: Record<string, number> = {};
  for (const n of [2, 3, 4]) scores[`top_${n}_gram`] = top(n);
  for (const n of [5, 6, 7, 8, 9, 10]) scores[`dup_${n}_gram`] = dup(n);
  return scores;
}

function randomText(seed: number): string {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const sentences = PARAGRAPHS.flatMap((line) => line.split('，'));
  const lines: string[] = [];
  for (let i = 0; i < 12; i++) {
    let line = '';
    for (let j = 0; j < 3; j++) line += sentences[Math.floor(next() * 6)] + (next() < 0.5 ? '，' : '。');
    lines.push(line);
  }
  return lines.join('\n');
}

test('gopher_repetition n-gram measures equal a direct port of datatrove on the same jieba tokens', () => {
  const evaluate = gopherRepetition(gopherRepetitionOptions.parse({}));
  for (const text of [GOOD, randomText(1), randomText(2), randomText(3), `${GOOD}\n${GOOD}`, '重复重复重复重复重复重复']) {
    const analysis = new TextAnalysis(text);
    const { scores } = evaluate(text, analysis.lines, analysis.chars, () => analysis.tokens);
    const expected = referenceRepetition(text);
    for (const [key, value] of Object.entries(expected)) assert.ok(Math.abs(scores[key] - value) < 1e-9, `${key}: ${scores[key]} vs ${value} on ${text.slice(0, 20)}`);
  }
});

test('gopher_repetition keeps an ordinary article and removes repeated lines and n-grams', async () => {
  assert.equal((await run(gopherRepetitionStep, GOOD)).removal, undefined);
  const repeatedLines = await run(gopherRepetitionStep, [...PARAGRAPHS, ...PARAGRAPHS.slice(0, 3)].join('\n'));
  assert.deepEqual([repeatedLines.removal?.rule, repeatedLines.removal?.threshold], ['dup_line_frac', 0.287]);
  const spam = await run(gopherRepetitionStep, `${GOOD}\n${'点击这里领取优惠券，'.repeat(30)}`);
  assert.equal(spam.removal?.rule, 'top_2_gram');
  const dupOnly = await run(gopherRepetitionStep, `${GOOD}\n${PARAGRAPHS.slice(0, 3).join('')}`, { top_n_grams: {} });
  assert.match(String(dupOnly.removal?.rule), /^dup_\d+_gram$/);
});

test('gopher_repetition paragraph rules are off by default and work when set', async () => {
  const text = `${GOOD}\n\n${GOOD}\n\n${GOOD}`;
  const on = await run(gopherRepetitionStep, text, { dup_para_frac: 0.3, dup_line_frac: null });
  assert.deepEqual([on.removal?.rule, on.removal?.value], ['dup_para_frac', 0.667]);
});
