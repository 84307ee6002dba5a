import type { Document, DocRemoval } from '../core/document.js';
import { emptyStepStats, StepCounters, type StepStats } from '../core/stats.js';
import type { CorpusStageContext, CorpusStep, ShardRef } from '../core/step.js';
import { seededRandom } from '../core/random.js';

export { seededRandom };

/** A corpus held in memory, one array of documents per shard, as a stage context sees it. */
export function memoryStageContext(step: string, workDir: string, shards: Document[][], stats = emptyStepStats(step)): CorpusStageContext & { stats: StepStats } {
  const refs: ShardRef[] = shards.map((_, index) => ({ index, path: `memory://${index}` }));
  return {
    step,
    workDir,
    shards: refs,
    stats,
    counters: new StepCounters(stats),
    async *readShard(shard) {
      for (const doc of shards[shard.index]) yield structuredClone(doc);
    },
    log() {},
  };
}

export interface CorpusRunResult {
  kept: Document[][];
  removed: Array<{ doc: Document; removal: DocRemoval }>;
  stats: StepStats;
}

/** Order in which a stage's tasks run; tests shuffle it to prove the result does not depend on it. */
export type TaskOrder = (taskCount: number) => number[];

export const inOrder: TaskOrder = (count) => Array.from({ length: count }, (_, i) => i);
export const reversed: TaskOrder = (count) => inOrder(count).reverse();

/** Runs every stage of a corpus step (tasks in the given order), then streams each shard through `run`. */
export async function runCorpusStep(step: CorpusStep, shards: Document[][], workDir: string, order: TaskOrder = inOrder): Promise<CorpusRunResult> {
  const ctx = memoryStageContext(step.name, workDir, shards);
  for (const stage of step.stages) {
    for (const task of order(stage.taskCount(ctx))) await stage.runTask(task, ctx);
  }
  const removed: CorpusRunResult['removed'] = [];
  const kept: Document[][] = [];
  for (const shard of ctx.shards) {
    const out: Document[] = [];
    const runContext = {
      step: step.name,
      task: { index: 0, count: 1 },
      counters: ctx.counters,
      workDir,
      shard,
      remove(doc: Document, removal: Omit<DocRemoval, 'step'>) {
        removed.push({ doc, removal: { step: step.name, ...removal } });
        ctx.counters.removedDoc(removal.rule, [...doc.text].length);
      },
      log() {},
    };
    for await (const doc of step.run(ctx.readShard(shard), runContext)) out.push(doc);
    kept.push(out);
  }
  await step.close?.();
  return { kept, removed, stats: ctx.stats };
}


/**
 * Characters for generated text; many have distinct Traditional forms (们/們, 国/國, 说/說 ...), so
 * script-variant tests have something to convert.
 */
export const CHARACTER_POOL =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经' +
  '十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样' +
  '与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文' +
  '总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治' +
  '北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报' +
  '斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千' +
  '周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状' +
  '育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞';

function pick<T>(items: ArrayLike<T>, random: () => number): T {
  return items[Math.floor(random() * items.length)];
}

/** A made-up Chinese-looking document of about `chars` characters, paragraphs separated by newlines. */
export function generatedText(random: () => number, chars: number): string {
  let text = '';
  let sentence = 0;
  while (text.length < chars) {
    const clauses = 1 + Math.floor(random() * 3);
    for (let c = 0; c < clauses; c++) {
      const length = 4 + Math.floor(random() * 12);
      // Squaring the uniform draw skews towards the front of the pool, like real character frequencies.
      for (let i = 0; i < length; i++) text += CHARACTER_POOL[Math.floor(random() ** 2 * CHARACTER_POOL.length)];
      text += c < clauses - 1 ? '，' : '。';
    }
    if (++sentence % 4 === 0) text += '\n';
  }
  return text;
}

/** Replaces about `rate` of the Han characters with other pool characters. */
export function editCharacters(text: string, rate: number, random: () => number): string {
  return [...text].map((ch) => (CHARACTER_POOL.includes(ch) && random() < rate ? pick(CHARACTER_POOL, random) : ch)).join('');
}

/** Appended to copies in the boilerplate group (written for these tests). */
export const TEST_BOILERPLATE = '\n本文由编辑部整理发布，转载请注明出处。如需合作请联系我们，欢迎关注本站获取更多最新资讯与精彩内容推荐。';

export interface LabelledCorpus {
  docs: Document[];
  /** Document id → group label; documents of the same label are near-duplicates of each other. */
  groups: Map<string, string>;
}

/**
 * Near-duplicate groups of every kind the dedup steps must catch, plus singletons and short documents that
 * must survive. `traditional` adds a Traditional-script copy to some groups (labelled as the same group only
 * when `scriptsAreDuplicates`, i.e. when the step is run with merge_scripts).
 */
export function labelledCorpus(options: { groups?: number; singles?: number; toTraditional?: (text: string) => string; scriptsAreDuplicates?: boolean; seed?: number } = {}): LabelledCorpus {
  const random = seededRandom(options.seed ?? 7);
  const docs: Document[] = [];
  const groups = new Map<string, string>();
  const add = (id: string, text: string, group: string) => {
    docs.push({ id, text, fields: {}, taomi: {}, source: { file: 'generated', line: docs.length + 1 } });
    groups.set(id, group);
  };
  for (let g = 0; g < (options.groups ?? 40); g++) {
    const base = generatedText(random, 500 + Math.floor(random() * 700));
    const group = `g${g}`;
    add(`${group}-base`, base, group);
    add(`${group}-copy`, base, group);
    add(`${group}-tail`, base.slice(0, Math.floor(base.length * 0.9)), group);
    add(`${group}-boiler`, base + TEST_BOILERPLATE, group);
    add(`${group}-edit1`, editCharacters(base, 0.02, random), group);
    add(`${group}-edit2`, editCharacters(base, 0.02, random), group);
    if (options.toTraditional && g % 2 === 0) add(`${group}-trad`, options.toTraditional(base), options.scriptsAreDuplicates ? group : `${group}-trad`);
  }
  for (let s = 0; s < (options.singles ?? 40); s++) add(`single${s}`, generatedText(random, 300 + Math.floor(random() * 900)), `single${s}`);
  const shortTemplates = ['第{n}楼回复：支持一下', '评论{n}：写得不错', '更新于{n}分钟前', '首页 > 新闻 > 第{n}页', '图{n}'];
  for (let s = 0; s < 30; s++) add(`short${s}`, shortTemplates[s % shortTemplates.length].replace('{n}', String(s + 1)), `short${s}`);
  // Interleave so groups are spread over shards, deterministically.
  docs.sort((a, b) => murmurOrder(a.id) - murmurOrder(b.id));
  return { docs, groups };
}

function murmurOrder(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Splits documents into `count` consecutive shards (corpus order is preserved). */
export function splitShards(docs: Document[], count: number): Document[][] {
  const size = Math.ceil(docs.length / count);
  return Array.from({ length: count }, (_, i) => docs.slice(i * size, (i + 1) * size));
}

/** Pair precision and recall of predicted clusters against labelled groups, over all document pairs. */
export function pairScores(groups: Map<string, string>, clusterOf: Map<string, string>): { precision: number; recall: number; truePairs: number } {
  const ids = [...groups.keys()];
  let truePositive = 0;
  let predicted = 0;
  let actual = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const same = groups.get(ids[i]) === groups.get(ids[j]);
      const together = clusterOf.get(ids[i]) === clusterOf.get(ids[j]);
      if (same) actual++;
      if (together) predicted++;
      if (same && together) truePositive++;
    }
  }
  return { precision: predicted ? truePositive / predicted : 1, recall: actual ? truePositive / actual : 1, truePairs: actual };
}

/** Cluster label of every document after a dedup run: its own id when kept, the kept twin's id when removed. */
export function clustersFromRun(result: CorpusRunResult, detailKey: 'cluster' | 'twin'): Map<string, string> {
  const clusterOf = new Map<string, string>();
  for (const shard of result.kept) for (const doc of shard) clusterOf.set(doc.id, doc.id);
  for (const { doc, removal } of result.removed) clusterOf.set(doc.id, String(removal.detail?.[detailKey]));
  return clusterOf;
}
