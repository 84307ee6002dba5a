import { z } from 'zod';
import type { Document } from '../core/document.js';
import { applyLineRemovals } from '../core/lines.js';
import { defineStep, type StepContext, type StreamStep } from '../core/step.js';
import { AhoCorasick } from './aho-corasick.js';
import { annotate, modeOption, round } from './common.js';
import { CATEGORIES, DEFAULT_ALLOW, ldnoobwTerms, STRONG_CATEGORIES, TERM_GROUPS, type Category } from './spam-lexicon.js';

export const spamOptions = z
  .object({
    mode: modeOption,
    /** Documents scoring at or above this are spam (see docs/filters.md for the score). */
    threshold: z.number().positive().default(3),
    /** `remove_lines` drops only the lines with hits when what remains is clean; otherwise the document goes. */
    on_spam: z.enum(['remove_document', 'remove_lines']).default('remove_document'),
    /** Weighted hits that make a line a spam line (for `remove_lines`). */
    line_threshold: z.number().positive().default(1),
    /** In `remove_lines` mode the rest must score below this ... */
    clean_threshold: z.number().nonnegative().default(1),
    /** ... and keep at least this fraction of the characters. */
    min_rest_fraction: z.number().min(0).max(1).default(0.5),
    /** Input field holding the page title, checked like the first lines; null to ignore. */
    title_field: z.string().nullable().default('title'),
    head_lines: z.number().int().nonnegative().default(2),
    ldnoobw: z.boolean().default(true),
    ldnoobw_min_chars: z.number().int().positive().default(2),
    ldnoobw_weight: z.number().nonnegative().default(0.3),
    /** Terms never counted, in any category. */
    allow: z.array(z.string().min(1)).default(DEFAULT_ALLOW),
    /** Your own terms per category, weight 1 each; they take precedence over the built-in lists. */
    extra_terms: z.partialRecord(z.enum(CATEGORIES), z.array(z.string().min(1))).default({}),
  })
  .strict();

export type SpamOptions = z.output<typeof spamOptions>;

interface LexiconEntry {
  term: string;
  category: Category;
  weight: number;
}

/** A lexicon compiled into one automaton; entries are indexed by pattern id. */
export interface Lexicon {
  entries: LexiconEntry[];
  matcher: AhoCorasick;
}

export function buildLexicon(options: SpamOptions): Lexicon {
  const allow = new Set(options.allow.map((term) => term.toLowerCase()));
  const byTerm = new Map<string, LexiconEntry>();
  const add = (term: string, category: Category, weight: number) => {
    const key = term.toLowerCase();
    if (!allow.has(key) && !byTerm.has(key)) byTerm.set(key, { term: key, category, weight });
  };
  for (const [category, terms] of Object.entries(options.extra_terms) as Array<[Category, string[]]>) {
    for (const term of terms) add(term, category, 1);
  }
  for (const group of TERM_GROUPS) for (const term of group.terms) add(term, group.category, group.weight);
  if (options.ldnoobw) {
    for (const term of ldnoobwTerms(allow, options.ldnoobw_min_chars)) add(term, 'profanity', options.ldnoobw_weight);
  }
  const entries = [...byTerm.values()];
  return { entries, matcher: new AhoCorasick(entries.map((entry) => entry.term)) };
}

/** One lexicon hit: UTF-16 offsets into the scanned text and the 0-based line it is on. */
interface Hit {
  entry: LexiconEntry;
  start: number;
  end: number;
  line: number;
}

export interface SpamFeatures {
  chars: number;
  hits: number;
  /** Weighted hits per 1,000 characters (short texts count as 1,000); terms weighing < 1 add at most 2. */
  density: number;
  distinct_terms: number;
  lines_with_hits: number;
  /** Strong hits forming a clause of their own inside an ordinary sentence. */
  spliced: number;
  /** Strong hits in the title or the first lines. */
  head_strong: number;
  head_hits: number;
  /** Occurrences of the most repeated term of weight ≥ 1. */
  max_repeat: number;
}

export interface SpamAssessment {
  score: number;
  features: SpamFeatures;
  hits: Hit[];
  /** Weighted hits per line. */
  lineWeights: Float64Array;
}

const CLAUSE_DELIMITERS = new Set([...'，。！？；：、,.!?;:()（）【】[]《》<>“”"\'‘’|_/—-～~ \t\u3000']);
const SENTENCE_MARKS = /[，。！？；]/;
/** How far to look for the clause around a hit; longer clauses are ordinary text anyway. */
const CLAUSE_REACH = 40;
const SPLICE_MIN_COVERAGE = 0.5;
const SPLICE_MIN_REST = 20;
const WEAK_DENSITY_CAP = 2;

function isStrong(entry: LexiconEntry): boolean {
  return STRONG_CATEGORIES.has(entry.category) && entry.weight >= 1;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function locateHits(lexicon: Lexicon, text: string, starts: number[]): Hit[] {
  const hits: Hit[] = [];
  let line = 0;
  for (const match of lexicon.matcher.findLongest(text)) {
    while (line + 1 < starts.length && starts[line + 1] <= match.start) line++;
    hits.push({ entry: lexicon.entries[match.pattern], start: match.start, end: match.end, line });
  }
  return hits;
}

/** Per-line memo of "has sentence punctuation", so a huge line full of hits is scanned once. */
class SentenceLines {
  private readonly known: Int8Array;

  constructor(
    private readonly text: string,
    private readonly starts: number[],
  ) {
    this.known = new Int8Array(starts.length).fill(-1);
  }

  has(line: number, lineEnd: number): boolean {
    if (this.known[line] === -1) this.known[line] = SENTENCE_MARKS.test(this.text.slice(this.starts[line], lineEnd)) ? 1 : 0;
    return this.known[line] === 1;
  }
}

/**
 * Whether hit `index` is spliced: its clause (the text between delimiters around it) is mostly
 * lexicon hits, while its line is an ordinary sentence with enough other text.
 */
function isSpliced(hits: Hit[], index: number, text: string, starts: number[], sentenceLines: SentenceLines): boolean {
  const hit = hits[index];
  const lineStart = starts[hit.line];
  const lineEnd = hit.line + 1 < starts.length ? starts[hit.line + 1] - 1 : text.length;
  let clauseStart = hit.start;
  while (clauseStart > lineStart && hit.start - clauseStart < CLAUSE_REACH && !CLAUSE_DELIMITERS.has(text[clauseStart - 1])) clauseStart--;
  let clauseEnd = hit.end;
  while (clauseEnd < lineEnd && clauseEnd - hit.end < CLAUSE_REACH && !CLAUSE_DELIMITERS.has(text[clauseEnd])) clauseEnd++;
  let covered = hit.end - hit.start;
  for (let i = index - 1; i >= 0 && hits[i].end > clauseStart; i--) covered += hits[i].end - Math.max(hits[i].start, clauseStart);
  for (let i = index + 1; i < hits.length && hits[i].start < clauseEnd; i++) covered += Math.min(hits[i].end, clauseEnd) - hits[i].start;
  const clauseLength = clauseEnd - clauseStart;
  if (covered / clauseLength < SPLICE_MIN_COVERAGE) return false;
  if (lineEnd - lineStart - clauseLength < SPLICE_MIN_REST) return false;
  return sentenceLines.has(hit.line, lineEnd);
}

/** Scores a text (and optional title) for spam; pure, so `remove_lines` can re-score what remains. */
export function assessSpam(lexicon: Lexicon, text: string, title: string, headLines: number): SpamAssessment {
  const starts = lineStarts(text);
  const hits = locateHits(lexicon, text, starts);
  const titleHits = title ? lexicon.matcher.findLongest(title).map((match) => lexicon.entries[match.pattern]) : [];
  const lineWeights = new Float64Array(starts.length);
  const sentenceLines = new SentenceLines(text, starts);
  const counts = new Map<string, number>();
  let signal = 0;
  let weak = 0;
  let spliced = 0;
  let headStrong = titleHits.filter(isStrong).length;
  let headHits = titleHits.length;
  let maxRepeat = 0;
  hits.forEach((hit, index) => {
    if (hit.entry.weight >= 1) signal += hit.entry.weight;
    else weak += hit.entry.weight;
    lineWeights[hit.line] += hit.entry.weight;
    const count = (counts.get(hit.entry.term) ?? 0) + 1;
    counts.set(hit.entry.term, count);
    if (hit.entry.weight >= 1) maxRepeat = Math.max(maxRepeat, count);
    if (hit.line < headLines) {
      headHits++;
      if (isStrong(hit.entry)) headStrong++;
    }
    if (isStrong(hit.entry) && isSpliced(hits, index, text, starts, sentenceLines)) spliced++;
  });
  for (const entry of titleHits) {
    if (entry.weight >= 1) signal += entry.weight;
    else weak += entry.weight;
  }
  const chars = text.length;
  const perThousand = 1000 / Math.max(chars, 1000);
  const density = signal * perThousand + Math.min(WEAK_DENSITY_CAP, weak * perThousand);
  const strongDistinct = new Set(hits.filter((hit) => hit.entry.weight >= 0.8).map((hit) => hit.entry.term)).size;
  const features: SpamFeatures = {
    chars,
    hits: hits.length + titleHits.length,
    density,
    distinct_terms: counts.size,
    lines_with_hits: lineWeights.filter((weight) => weight > 0).length,
    spliced,
    head_strong: headStrong,
    head_hits: headHits,
    max_repeat: maxRepeat,
  };
  const score =
    density +
    Math.min(spliced, 3) +
    (headStrong > 0 ? 1.5 : headHits > 0 ? 0.5 : 0) +
    (maxRepeat >= 3 ? 1 : 0) +
    Math.min(2, 0.5 * Math.max(0, strongDistinct - 2));
  return { score, features, hits, lineWeights };
}

/** Converts ascending UTF-16 offsets to code-point offsets in one pass over the text. */
function toCodePoints(text: string, offsets: number[]): number[] {
  const out: number[] = [];
  let points = 0;
  let unit = 0;
  for (const offset of offsets) {
    while (unit < offset) {
      const code = text.charCodeAt(unit);
      const pair = code >= 0xd800 && code <= 0xdbff && unit + 1 < offset && (text.charCodeAt(unit + 1) & 0xfc00) === 0xdc00;
      unit += pair ? 2 : 1;
      points++;
    }
    out.push(points);
  }
  return out;
}

/** The evidence kept with a removal: each term with its category, count and first code-point offset. */
function termDetail(text: string, hits: Hit[]) {
  const byTerm = new Map<string, { term: string; category: Category; count: number; first: number }>();
  for (const hit of hits) {
    const seen = byTerm.get(hit.entry.term);
    if (seen) seen.count++;
    else byTerm.set(hit.entry.term, { term: hit.entry.term, category: hit.entry.category, count: 1, first: hit.start });
  }
  const terms = [...byTerm.values()].sort((a, b) => a.first - b.first);
  const offsets = toCodePoints(text, terms.map((term) => term.first));
  return terms.map((term, i) => ({ term: term.term, category: term.category, count: term.count, first_offset: offsets[i] }));
}

function scores(assessment: SpamAssessment): Record<string, number> {
  const { features } = assessment;
  return { score: assessment.score, hits: features.hits, density: features.density, spliced: features.spliced };
}

/** The input's title field, else the title the extract step found (HTML and WARC inputs). */
function titleOf(doc: Document, field: string | null): string {
  if (field === null) return '';
  const value = doc.fields[field] ?? doc.taomi.title;
  return typeof value === 'string' ? value : '';
}

/** Drops the spam lines when the rest is clean and large enough; returns false when the whole document must go. */
function removeSpamLines(doc: Document, assessment: SpamAssessment, lexicon: Lexicon, options: SpamOptions, ctx: StepContext): boolean {
  const lines = doc.text.split('\n');
  const spamLines = new Set<number>();
  assessment.lineWeights.forEach((weight, index) => {
    if (weight >= options.line_threshold) spamLines.add(index);
  });
  const rest = lines.filter((_, index) => !spamLines.has(index)).join('\n');
  if (rest.trim() === '' || rest.length < options.min_rest_fraction * doc.text.length) return false;
  const restAssessment = assessSpam(lexicon, rest, '', 0);
  if (restAssessment.score >= options.clean_threshold) return false;
  applyLineRemovals(
    doc,
    ctx,
    [...spamLines].map((index) => ({ index, rule: 'spam_line', value: round(assessment.lineWeights[index]), threshold: options.line_threshold })),
  );
  return true;
}

function spamFilter(name: string, options: SpamOptions): StreamStep {
  const lexicon = buildLexicon(options);
  return {
    kind: 'stream',
    name,
    async *run(docs, ctx) {
      for await (const doc of docs) {
        const assessment = assessSpam(lexicon, doc.text, titleOf(doc, options.title_field), options.head_lines);
        annotate(doc, ctx.step, scores(assessment));
        if (options.mode === 'annotate' || assessment.score < options.threshold) {
          yield doc;
          continue;
        }
        if (options.on_spam === 'remove_lines' && removeSpamLines(doc, assessment, lexicon, options, ctx)) {
          yield doc;
          continue;
        }
        ctx.remove(doc, {
          rule: 'spam_score',
          value: round(assessment.score),
          threshold: options.threshold,
          detail: { terms: termDetail(doc.text, assessment.hits), features: roundFeatures(assessment.features) },
        });
      }
    },
  };
}

function roundFeatures(features: SpamFeatures): Record<string, number> {
  return Object.fromEntries(Object.entries(features).map(([key, value]) => [key, round(value)]));
}

export const spamStep = defineStep({
  type: 'spam',
  summary: 'SEO/gambling injection and content-farm detector: lexicon (own categories + LDNOOBW zh) matched with Aho–Corasick, scored on density, splicing, title/head hits and repetition.',
  options: spamOptions,
  create: (options, name) => spamFilter(name, options),
});
