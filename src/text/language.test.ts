import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cantoneseMarkers, guessLanguage, languageModel, languageSample, scriptShares } from './language.js';
import { languageStep } from './language-step.js';
import { convertToSimplified, countScriptChars, hanScript } from './script.js';
import { collect, fromArray, testContext, testDoc } from '../core/testing.js';
import type { StreamStep } from '../core/step.js';

const SIMPLIFIED = '今天上午，市政府召开新闻发布会，介绍了城市交通建设的最新进展。负责人表示，新的地铁线路将在明年年底前开通运营。';
const TRADITIONAL = '今天上午，市政府召開新聞發布會，介紹了城市交通建設的最新進展。負責人表示，新的地鐵線路將在明年年底前開通營運。';
const JAPANESE_WITH_KANJI = '東京都は本日、新しい交通計画を発表しました。地下鉄の新路線は来年末までに開業する予定です。';
const KOREAN = '서울시는 오늘 새로운 교통 계획을 발표했습니다. 새 지하철 노선은 내년 말까지 개통될 예정입니다.';
const ENGLISH = 'The city government announced a new transport plan this morning. The new subway line should open by the end of next year.';
const CANTONESE = '佢哋今日喺度開會，講咗好多嘢，我唔知佢哋幾時會開通條新路線，冇人話俾我知。';

test('script router: kana is Japanese even when kanji dominate, hangul is Korean', async () => {
  const model = await languageModel();
  assert.equal(guessLanguage(model, JAPANESE_WITH_KANJI).label, 'ja');
  assert.equal(guessLanguage(model, KOREAN).label, 'ko');
  assert.equal(guessLanguage(model, KOREAN).by, 'script');
});

test('fastText labels Chinese (both scripts), English and Cantonese with a score', async () => {
  const model = await languageModel();
  for (const [text, label] of [[SIMPLIFIED, 'zh'], [TRADITIONAL, 'zh'], [ENGLISH, 'en'], [CANTONESE, 'yue']] as const) {
    const guess = guessLanguage(model, text);
    assert.equal(guess.label, label, text);
    assert.ok(guess.score > 0.5 && guess.score <= 1, `${label} score ${guess.score}`);
  }
});

test('Han text without kana is never Japanese, however short', async () => {
  const model = await languageModel();
  for (const text of ['中国人', '東京大学', '我爱北京天安门']) assert.notEqual(guessLanguage(model, text).label, 'ja', text);
});

test('written-Cantonese markers are counted', () => {
  assert.ok(cantoneseMarkers(CANTONESE) >= 8);
  assert.equal(cantoneseMarkers(SIMPLIFIED), 0);
});

test('text without letters is `und` with score 0', async () => {
  const model = await languageModel();
  for (const text of ['', '。，！？……', '12345 678', '😀👍🏽🎉']) assert.deepEqual(guessLanguage(model, text), { label: 'und', score: 0, by: 'none' });
});

test('mixed scripts and emoji: the dominant language wins without a crash', async () => {
  const model = await languageModel();
  assert.equal(guessLanguage(model, `${SIMPLIFIED} 😀 iPhone 15 Pro Max`).label, 'zh');
  const shares = scriptShares('中文English한국어カナ');
  assert.deepEqual([shares.han, shares.latin, shares.hangul, shares.kana], [2, 7, 3, 2]);
});

test('the sample is capped and single-line', () => {
  assert.equal(languageSample('第一行\n第二行\n\n第三行', 100), '第一行 第二行 第三行');
  assert.equal(languageSample('中'.repeat(5000), 2000).length, 2000);
});

test('Hans / Hant / mixed from OpenCC character differences', () => {
  assert.equal(hanScript(countScriptChars(SIMPLIFIED)), 'Hans');
  assert.equal(hanScript(countScriptChars(TRADITIONAL)), 'Hant');
  assert.equal(hanScript(countScriptChars(SIMPLIFIED.slice(0, 30) + TRADITIONAL.slice(30))), 'mixed');
  assert.equal(hanScript(countScriptChars('中国人')), 'Hans');
  assert.equal(convertToSimplified('新聞發布會'), '新闻发布会');
});

async function runStep(options: Record<string, unknown>, texts: string[]) {
  const step = (await languageStep.create(languageStep.options.parse(options), 'language')) as StreamStep;
  const ctx = testContext('language');
  const kept = await collect(step.run(fromArray(texts.map((text, i) => testDoc(text, `d${i}`))), ctx));
  return { kept, ctx };
}

test('the step annotates language, score and script, and counts them', async () => {
  const { kept, ctx } = await runStep({}, [SIMPLIFIED, TRADITIONAL, JAPANESE_WITH_KANJI]);
  assert.deepEqual(kept.map((doc) => [doc.taomi.language, doc.taomi.script]), [['zh', 'Hans'], ['zh', 'Hant'], ['ja', undefined]]);
  assert.equal(ctx.stats.counters['lang.zh'], 2);
  assert.equal(ctx.stats.counters['script.Hant'], 1);
  assert.equal(kept[1].text, TRADITIONAL);
});

test('convert_to_simplified rewrites Traditional documents only', async () => {
  const { kept, ctx } = await runStep({ convert_to_simplified: true }, [SIMPLIFIED, TRADITIONAL]);
  assert.equal(kept[0].text, SIMPLIFIED);
  assert.ok(kept[1].text.includes('新闻发布会'));
  assert.equal(ctx.stats.counters.converted_to_simplified, 1);
});

test('languages + min_score remove other languages and low scores with rule `language`', async () => {
  const { kept, ctx } = await runStep({ languages: ['zh'], min_score: 0.5 }, [SIMPLIFIED, ENGLISH, '😀😀😀']);
  assert.deepEqual(kept.map((doc) => doc.id), ['d0']);
  assert.deepEqual(ctx.removed.map(({ removal }) => [removal.rule, removal.value, removal.threshold]), [['language', 'en', 'zh'], ['language', 'und', 'zh']]);
  const strict = await runStep({ languages: ['zh'], min_score: 0.999999 }, [SIMPLIFIED]);
  assert.equal(strict.ctx.removed[0].removal.threshold, 0.999999);
});
