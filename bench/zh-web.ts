/**
 * zh-web preset speed on one core: synthetic ~1,500-Han-character documents run through every step of
 * presets/zh-web.yaml in this process, one stage at a time over the whole batch so each stage is timed
 * on its own. Documents go through in batches (default 100) so, as in a streaming run, a batch's
 * tokens die young instead of piling up for the garbage collector. Rates are per CPU-second of this process (user + system), which a busy shared machine
 * distorts far less than wall time; wall time is shown too. With --rounds R the corpus is run R times
 * (fresh copies, so nothing cached carries over) and each stage reports its median round.
 * Usage: npm run bench:zh-web -- [--docs N] [--batch B] [--rounds R] [--seed S]
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { createSteps, loadPreset } from '../src/core/config.js';
import type { Document } from '../src/core/document.js';
import type { Step } from '../src/core/step.js';
import { collect, fromArray, testContext } from '../src/core/testing.js';
import { segmenter } from '../src/text/words.js';
import { seededRandom as random } from '../src/core/random.js';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '3000' },
    batch: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '1' },
    seed: { type: 'string', default: '7' },
  },
});
const DOC_COUNT = Number(values.docs);
const BATCH = Number(values.batch);
const ROUNDS = Number(values.rounds);


const WORDS = (
  '我们 今天 城市 发展 经济 社会 文化 教育 学生 老师 学校 政府 企业 市场 产品 技术 研究 科学 数据 服务 ' +
  '工作 生活 问题 方法 情况 时间 地方 国家 世界 历史 环境 健康 医院 医生 孩子 家庭 朋友 公司 项目 管理 ' +
  '建设 交通 道路 农村 农业 工业 能源 资源 水平 质量 标准 安全 活动 会议 代表 记者 报道 表示 认为 提出 ' +
  '进行 开展 推动 加强 提高 促进 实现 完成 需要 可以 已经 正在 继续 通过 根据 由于 因此 但是 而且 同时 ' +
  '非常 比较 特别 一些 许多 所有 每个 这个 那个 自己 他们 大家 人们 居民 游客 消费者 投资 价格 增长 ' +
  '下降 提升 改革 创新 合作 交流 计划 目标 任务 成果 经验 条件 影响 作用 意义 关系 方面 过程 阶段 ' +
  '春天 夏天 秋天 冬天 早上 晚上 山区 河流 湖泊 森林 公园 图书馆 博物馆 体育 比赛 球队 运动员 观众 ' +
  '的 了 在 是 和 有 也 都 就 还 又 很 被 把 对 从 向 与 为 到 说 看 做 去 来 用 想 让 给'
).split(' ');

const JUNK_LINES = [
  '首页 > 新闻中心 > 正文',
  '分享到：微信 微博 QQ空间',
  '责任编辑：王小明',
  '版权所有 © 2024 示例网 京ICP备00000000号',
  '上一篇：关于秋季运动会的通知',
  '下一篇：图书馆开放时间调整说明',
  '扫码关注公众号',
  '返回顶部',
];

function sentence(next: () => number): string {
  const length = 8 + Math.floor(next() * 14);
  let text = '';
  for (let i = 0; i < length; i++) {
    text += WORDS[Math.floor(next() * WORDS.length)];
    if (i > 3 && i < length - 2 && next() < 0.12) text += '，';
  }
  const end = next();
  return text + (end < 0.8 ? '。' : end < 0.9 ? '！' : '？');
}

function document(index: number, next: () => number): Document {
  const lines: string[] = [];
  if (next() < 0.5) lines.push(JUNK_LINES[0]);
  lines.push(`${WORDS[index % 80]}${WORDS[(index * 7) % 80]}${WORDS[(index * 13) % 80]}的新进展`);
  let han = 0;
  while (han < 1500) {
    let paragraph = '';
    const sentences = 3 + Math.floor(next() * 4);
    for (let i = 0; i < sentences; i++) paragraph += sentence(next);
    han += paragraph.length;
    lines.push(paragraph);
  }
  const junk = Math.floor(next() * 4);
  for (let i = 0; i < junk; i++) lines.push(JUNK_LINES[1 + Math.floor(next() * (JUNK_LINES.length - 1))]);
  return { id: `bench-${index}`, text: lines.join('\n'), fields: {}, taomi: {}, source: { file: 'bench', line: index + 1 } };
}

function utf8Bytes(docs: Document[]): number {
  let bytes = 0;
  for (const doc of docs) bytes += Buffer.byteLength(doc.text);
  return bytes;
}

/** CPU time of this process in milliseconds. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function runStage(step: Step, docs: Document[]): Promise<{ out: Document[]; ms: number; wallMs: number; removed: number }> {
  if (step.kind !== 'stream') throw new Error(`${step.name}: corpus steps are not benchmarked here`);
  const ctx = testContext(step.name);
  const wallStart = performance.now();
  const cpuStart = cpuMs();
  const out = await collect(step.run(fromArray(docs), ctx));
  const ms = cpuMs() - cpuStart;
  const wallMs = performance.now() - wallStart;
  return { out, ms, wallMs, removed: ctx.removed.length };
}

const next = random(Number(values.seed));
const corpus = Array.from({ length: DOC_COUNT }, (_, i) => document(i, next));
const inputBytes = utf8Bytes(corpus);
const allSteps = await createSteps(await loadPreset('zh-web'));
// Corpus steps (exact_dedup) need their stages on disk; bench:dedup measures them.
const steps = allSteps.filter((step) => step.kind === 'stream');
const corpusSteps = allSteps.filter((step) => step.kind === 'corpus').map((step) => step.name);
segmenter();

// Warm-up on a copy so lazy loads (models, dictionaries, JIT) are not timed.
let warm = corpus.slice(0, 50).map((doc) => ({ ...doc, taomi: {} }));
for (const step of steps) warm = (await runStage(step, warm)).out;

interface StageTotals {
  docsIn: number;
  removed: number;
  bytes: number;
  ms: number;
  wallMs: number;
}

async function runRound(): Promise<{ totals: StageTotals[]; kept: number }> {
  const totals: StageTotals[] = steps.map(() => ({ docsIn: 0, removed: 0, bytes: 0, ms: 0, wallMs: 0 }));
  let kept = 0;
  for (let start = 0; start < corpus.length; start += BATCH) {
    let batch = corpus.slice(start, start + BATCH).map((doc) => ({ ...doc, taomi: {} }));
    for (const [index, step] of steps.entries()) {
      const total = totals[index];
      total.docsIn += batch.length;
      total.bytes += utf8Bytes(batch);
      const stage = await runStage(step, batch);
      total.removed += stage.removed;
      total.ms += stage.ms;
      total.wallMs += stage.wallMs;
      batch = stage.out;
    }
    kept += batch.length;
  }
  return { totals, kept };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const rounds: Array<{ totals: StageTotals[]; kept: number }> = [];
for (let round = 0; round < ROUNDS; round++) rounds.push(await runRound());
const { kept } = rounds[0];
const totals: StageTotals[] = steps.map((_, index) => ({
  ...rounds[0].totals[index],
  ms: median(rounds.map((round) => round.totals[index].ms)),
  wallMs: median(rounds.map((round) => round.totals[index].wallMs)),
}));
const totalMs = totals.reduce((sum, total) => sum + total.ms, 0);
const totalWallMs = totals.reduce((sum, total) => sum + total.wallMs, 0);
const rows = steps.map((step, index) => {
  const total = totals[index];
  return [
    step.name,
    String(total.docsIn),
    String(total.removed),
    total.ms.toFixed(0),
    total.wallMs.toFixed(0),
    ((total.docsIn / total.ms) * 1000).toFixed(0),
    (total.bytes / 1e6 / (total.ms / 1000)).toFixed(1),
  ];
});

const jiebaStart = cpuMs();
for (const doc of corpus) segmenter().cut(doc.text, false);
const jiebaMs = cpuMs() - jiebaStart;

const header = ['stage', 'docs in', 'removed', 'cpu ms', 'wall ms', 'docs/s', 'MB/s'];
const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
const format = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
console.log(`zh-web preset, ${DOC_COUNT} docs, ${(inputBytes / DOC_COUNT / 1000).toFixed(1)} KB/doc, batches of ${BATCH}, ${ROUNDS === 1 ? 'one round' : `median of ${ROUNDS} rounds`}, one core (node ${process.version})`);
console.log(format(header));
for (const row of rows) console.log(format(row));
console.log(`overall: ${((DOC_COUNT / totalMs) * 1000).toFixed(0)} docs/s, ${(inputBytes / 1e6 / (totalMs / 1000)).toFixed(2)} MB/s per core (CPU ${totalMs.toFixed(0)} ms, wall ${totalWallMs.toFixed(0)} ms); kept ${kept}/${DOC_COUNT}`);
if (corpusSteps.length) console.log(`not timed here (corpus steps, see npm run bench:dedup): ${corpusSteps.join(', ')}`);
console.log(`jieba cut alone on the input: ${((DOC_COUNT / jiebaMs) * 1000).toFixed(0)} docs/s, ${(inputBytes / 1e6 / (jiebaMs / 1000)).toFixed(2)} MB/s`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
