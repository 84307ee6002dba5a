import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { collect, fromArray, testContext, testDoc } from '../core/testing.js';
import { steps } from './index.js';

const SENTENCE = '今天的会议讨论了城市交通规划，与会代表提出了许多建议。';

/** Hostile inputs and, per filter, the decision taomi records for each ('kept' or the removal rule). */
const INPUTS: Record<string, string> = {
  punctuation_only: '，。！？…………、；：“”《》'.repeat(200),
  whitespace_only: ' \n\t\n\u3000 \n'.repeat(500),
  one_5mb_line: `${SENTENCE}abc 123 ${'😀'}`.repeat(60_000),
  emoji: `${SENTENCE}\n${'😀🎉👍🏻🇨🇳'.repeat(300)}`,
  lone_surrogates: `${SENTENCE}\ud800中文\udfff测试\n`.repeat(40),
  mixed_scripts: `${SENTENCE} The meeting discussed transport. 会議では交通計画を議論した。교통 계획을 논의했다.\n`.repeat(20),
  traditional_only: '今天的會議討論了城市交通規劃，與會代表提出了許多建議。\n'.repeat(20),
  japanese_kanji: '本日の会議では都市交通計画について議論し、多くの提案が出された。\n'.repeat(20),
  spam_flood_line: `${SENTENCE}威尼斯人现金网，百家乐娱乐城。`.repeat(40_000),
};

const EXPECTED: Record<string, Record<string, string>> = {
  punctuation_only: { zh_shape: 'han_ratio', gopher_repetition: 'top_2_gram', gopher_quality: 'too_few_words', c4: 'too_few_sentences', fineweb_quality: 'line_punct_ratio', spam: 'kept' },
  whitespace_only: { zh_shape: 'han_ratio', gopher_repetition: 'dup_line_frac', gopher_quality: 'too_few_words', c4: 'too_few_sentences', fineweb_quality: 'empty', spam: 'kept' },
  one_5mb_line: { zh_shape: 'kept', gopher_repetition: 'top_4_gram', gopher_quality: 'too_many_words', c4: 'kept', fineweb_quality: 'line_punct_ratio', spam: 'kept' },
  emoji: { zh_shape: 'han_ratio', gopher_repetition: 'top_2_gram', gopher_quality: 'too_few_words', c4: 'too_few_sentences', fineweb_quality: 'kept', spam: 'kept' },
  lone_surrogates: { zh_shape: 'kept', gopher_repetition: 'dup_line_frac', gopher_quality: 'kept', c4: 'kept', fineweb_quality: 'line_punct_ratio', spam: 'kept' },
  mixed_scripts: { zh_shape: 'kept', gopher_repetition: 'dup_line_frac', gopher_quality: 'kept', c4: 'kept', fineweb_quality: 'char_dup_ratio', spam: 'kept' },
  traditional_only: { zh_shape: 'kept', gopher_repetition: 'dup_line_frac', gopher_quality: 'kept', c4: 'kept', fineweb_quality: 'char_dup_ratio', spam: 'kept' },
  spam_flood_line: { zh_shape: 'kept', gopher_repetition: 'top_4_gram', gopher_quality: 'too_many_words', c4: 'kept', fineweb_quality: 'kept', spam: 'spam_score' },
  japanese_kanji: { zh_shape: 'kept', gopher_repetition: 'dup_line_frac', gopher_quality: 'kept', c4: 'kept', fineweb_quality: 'char_dup_ratio', spam: 'kept' },
};

for (const [name, text] of Object.entries(INPUTS)) {
  test(`adversarial input "${name}": every filter decides without crashing, in bounded time`, async () => {
    const decisions: Record<string, string> = {};
    const started = performance.now();
    // One document object for all filters so they share its segmentation; c4 (which may cut lines) runs last.
    const doc = testDoc(text, name);
    const ordered = [...steps.filter((definition) => definition.type !== 'c4'), ...steps.filter((definition) => definition.type === 'c4')];
    for (const definition of ordered) {
      const step = await definition.create(definition.options.parse({}), definition.type);
      if (step.kind !== 'stream') throw new Error('stream step expected');
      const ctx = testContext(definition.type);
      const out = await collect(step.run(fromArray([doc]), ctx));
      assert.equal(out.length + ctx.removed.length, 1);
      decisions[definition.type] = ctx.removed[0]?.removal.rule ?? 'kept';
    }
    const seconds = (performance.now() - started) / 1000;
    assert.ok(seconds < 30, `${name} took ${seconds.toFixed(1)} s`);
    assert.deepEqual(decisions, EXPECTED[name]);
  });
}
