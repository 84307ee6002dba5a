import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { collect, fromArray, sharedPath, testContext, testDoc } from '../core/testing.js';
import type { Document } from '../core/document.js';
import { AhoCorasick } from './aho-corasick.js';
import { assessSpam, buildLexicon, spamOptions, spamStep } from './spam.js';

async function run(docs: Document[], options: Record<string, unknown> = {}) {
  const step = await spamStep.create(spamOptions.parse(options), 'spam');
  if (step.kind !== 'stream') throw new Error('stream step expected');
  const ctx = testContext('spam');
  const out = await collect(step.run(fromArray(docs), ctx));
  return { out, removed: ctx.removed };
}

/** A news item with gambling keywords spliced into its sentences, written for this test. */
const SPLICED = [
  '市区一座跨江大桥今日正式通车',
  '据市交通局消息，威尼斯人现金网，这座大桥全长两千四百米，双向六车道，设计时速八十公里。',
  '大桥通车后，江北新区到老城区的车程将从四十分钟缩短到十分钟左右，百家乐娱乐城，沿线居民出行更加方便。',
  '交通局有关负责人表示，皇冠体育开户送彩金，将根据通车后的车流情况及时调整周边公交线路。',
  '施工单位介绍，大桥建设历时三年，先后攻克了深水基础和大跨度钢梁吊装等技术难题。',
].join('\n');

/** A sports/finance article that mentions 彩票 once in passing. */
const SPORTS = [
  '周末的联赛第十二轮，主队在主场以二比一逆转战胜了来访的老对手。',
  '上半场客队凭借一次快速反击率先破门，主队球员在下半场加强了边路进攻。',
  '第六十七分钟，替补登场的年轻前锋头球扳平比分，全场观众起立欢呼。',
  '比赛临近结束时，队长在禁区外一脚远射锁定胜局，球队也因此升至积分榜第三位。',
  '赛后，主教练表示球队的体能储备和战术执行都有进步，但防守端仍有不少漏洞需要弥补。',
  '另据统计，本赛季联赛带动了周边餐饮和体育彩票的销售，当地商户普遍表示生意比去年好。',
  '下一轮比赛，主队将客场挑战目前排名榜首的球队，这场比赛被认为是争冠的关键之战。',
].join('\n');

test('Aho–Corasick finds every occurrence, case-insensitively, like a naive scan', () => {
  const patterns = ['he', 'she', 'his', 'hers', '现金网', '现金', '金网', 'PK10'];
  const matcher = new AhoCorasick(patterns);
  const text = 'ushers 现金网网址 pk10 SHE 现金现金网';
  const naive: Array<[number, number, number]> = [];
  patterns.forEach((pattern, id) => {
    const lower = pattern.toLowerCase();
    for (let i = text.toLowerCase().indexOf(lower); i !== -1; i = text.toLowerCase().indexOf(lower, i + 1)) naive.push([id, i, i + lower.length]);
  });
  const found = matcher.findAll(text).map((match): [number, number, number] => [match.pattern, match.start, match.end]);
  const order = (a: [number, number, number], b: [number, number, number]) => a[1] - b[1] || a[0] - b[0];
  assert.deepEqual(found.sort(order), naive.sort(order));
  assert.deepEqual(
    matcher.findLongest('现金网网址').map((match) => patterns[match.pattern]),
    ['现金网'],
  );
});

test('spliced gambling keywords in a news item remove the document, with the evidence', async () => {
  const { out, removed } = await run([testDoc(SPLICED, 'spliced')]);
  assert.equal(out.length, 0);
  const { removal } = removed[0];
  assert.equal(removal.rule, 'spam_score');
  assert.ok((removal.value as number) >= (removal.threshold as number));
  const terms = (removal.detail?.terms ?? []) as Array<{ term: string; category: string; count: number; first_offset: number }>;
  const venice = terms.find((term) => term.term === '威尼斯人');
  assert.deepEqual(venice, { term: '威尼斯人', category: 'gambling', count: 1, first_offset: [...SPLICED].indexOf('威') });
  assert.ok((removal.detail?.features as Record<string, number>).spliced >= 3);
});

test('a sports article that mentions 彩票 once survives, with its score annotated', async () => {
  const { out, removed } = await run([testDoc(SPORTS, 'sports')]);
  assert.equal(removed.length, 0);
  const scores = (out[0].taomi.quality as Record<string, Record<string, number>>).spam;
  assert.equal(scores.hits, 1);
  assert.ok(scores.score < 1, `score ${scores.score}`);
});

test('content-farm phrasing and a gambling title push a page over the threshold', () => {
  const lexicon = buildLexicon(spamOptions.parse({}));
  const farm = '很多人都想知道空调不制冷怎么办，小编来为大家解答，下面就让我们一起来看看吧。\n空调不制冷可能是缺少制冷剂。\n希望对大家有所帮助。';
  assert.ok(assessSpam(lexicon, farm, '', 2).score >= 3);
  const plain = '空调不制冷可能是缺少制冷剂，也可能是室外机散热不良，建议请专业人员检查。';
  assert.ok(assessSpam(lexicon, plain, '', 2).score < 1);
  const titled = assessSpam(lexicon, SPORTS, '体育新闻_澳门新葡京娱乐城官网入口', 2);
  assert.ok(titled.features.head_strong >= 1);
});

test('allow and extra_terms change the lexicon; LDNOOBW single characters and 性 are not matched', () => {
  const defaults = buildLexicon(spamOptions.parse({}));
  const terms = new Set(defaults.entries.map((entry) => entry.term));
  assert.ok(!terms.has('性') && !terms.has('奶'));
  assert.ok(terms.has('他妈的'));
  const custom = buildLexicon(spamOptions.parse({ allow: ['彩票'], extra_terms: { gambling: ['某某娱乐'] } }));
  const customTerms = new Map(custom.entries.map((entry) => [entry.term, entry]));
  assert.ok(!customTerms.has('彩票'));
  assert.deepEqual(customTerms.get('某某娱乐'), { term: '某某娱乐', category: 'gambling', weight: 1 });
});

test('remove_lines drops only the spam lines when the rest of the document is clean', async () => {
  const injected = `${SPORTS}\n澳门威尼斯人娱乐城官网入口，百家乐，开户送彩金\n威尼斯人现金网最新网址`;
  const { out, removed } = await run([testDoc(injected, 'tail')], { on_spam: 'remove_lines' });
  assert.equal(removed.length, 0);
  assert.equal(out[0].text, SPORTS);
  assert.deepEqual((out[0].taomi.removed_spans ?? []).map((span) => span.rule), ['spam_line', 'spam_line']);
  const spliced = await run([testDoc(SPLICED, 'spliced')], { on_spam: 'remove_lines' });
  assert.equal(spliced.removed.length, 1, 'spam inside most sentences: the whole document goes');
});

test('annotate mode never removes', async () => {
  const { out, removed } = await run([testDoc(SPLICED)], { mode: 'annotate' });
  assert.equal(removed.length, 0);
  assert.ok(((out[0].taomi.quality as Record<string, Record<string, number>>).spam.score) >= 3);
});

const CCNET = sharedPath('data/ccnet-zh/docs.jsonl');

test('on the CCNet/ChineseWebText sample, a minority is flagged and every flag names its terms', { skip: !CCNET && 'sample data not present' }, async () => {
  const docs = readFileSync(CCNET!, 'utf8')
    .trim()
    .split('\n')
    .map((line, i) => {
      const record = JSON.parse(line) as { id: string; text: string; title?: string };
      return testDoc(record.text, record.id ?? String(i), { fields: { title: record.title } });
    });
  const { removed } = await run(docs);
  assert.ok(removed.length >= 3 && removed.length <= docs.length / 3, `flagged ${removed.length}/${docs.length}`);
  for (const { removal } of removed) {
    const terms = removal.detail?.terms as unknown[];
    assert.ok(Array.isArray(terms));
  }
});

test('the title found by the extract step counts when the input has no title field', async () => {
  const fromField = await run([testDoc(SPORTS, 'a', { fields: { title: '体育新闻_澳门新葡京娱乐城官网入口' } })], { mode: 'annotate' });
  const fromExtract = await run([testDoc(SPORTS, 'b', { taomi: { title: '体育新闻_澳门新葡京娱乐城官网入口' } })], { mode: 'annotate' });
  const untitled = await run([testDoc(SPORTS, 'c')], { mode: 'annotate' });
  const score = (result: Awaited<ReturnType<typeof run>>) => (result.out[0].taomi.quality as Record<string, Record<string, number>>).spam.score;
  assert.equal(score(fromExtract), score(fromField));
  assert.ok(score(fromExtract) > score(untitled));
});
