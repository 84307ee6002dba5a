import type { Measure } from '../core/document.js';
import { boilerplateCategory, hasTimeMark, isPostHeaderText, type BoilerplateCategory } from './boilerplate.js';
import { lineFeatures, type LineFeatures } from './features.js';

export interface LineRuleOptions {
  /** Longest line a copyright/ICP/licence or platform-disclaimer cue may remove. */
  maxFooterChars: number;
  /** Longest line a copyright/credit/caption/promo/breadcrumb cue may remove. */
  maxCueChars: number;
  /** Longest line a button or menu word may remove. */
  maxInterfaceChars: number;
  /** Content: a sentence-final line of at least this many chars. */
  sentenceMinChars: number;
  /** A line ending in ？/！ is content only above this length (with >= 3 punctuation marks); shorter ones read as headlines. */
  headlineMaxChars: number;
  /** Content: a line of at least this many chars with >= 2 punctuation marks, even without an end mark. */
  longLineChars: number;
  /** Lines with fewer chars and no punctuation are `short` (menu items, names, dates, headings). */
  fragmentMinChars: number;
  /** Short lines inside an unbroken (no junk) stretch of at most this many lines between content stay (a list). */
  enclosedMaxLines: number;
  /** Fragments within this many lines of content join it; a short line needs content this close on both sides. */
  contextDistance: number;
  /** Teaser block: at least this many consecutive unfinished lines of at least teaserMinChars ... */
  teaserMinRun: number;
  teaserMinChars: number;
  /** ... whose lengths differ by at most this fraction of the longest. */
  teaserLengthTolerance: number;
  /** A line that is a prefix of a longer line (a truncated repeat) needs at least this many chars. */
  truncatedRepeatMinChars: number;
  /** Content runs separated by more than this many non-content lines are separate blocks. */
  blockGapLines: number;
  /** A block other than the heaviest stays whole with at least this share of the heaviest one's mass ... */
  secondaryBlockRatio: number;
  /** ... or this much mass, ... */
  secondaryBlockMinChars: number;
  /** ... provided at least this share of the lines it spans are content. */
  secondaryBlockMinDensity: number;
  /**
   * When the page title's heading recurs as a line, the first content block starting at most this many
   * lines below it is the main block; other blocks then stay only with a mass between secondaryBlockRatio
   * and 1/secondaryBlockRatio of it (a much heavier block is another article from a feed).
   */
  headingReachLines: number;
  /** A thread needs at least this many comments (lines with a date line above and a button line below) ... */
  threadMinReplies: number;
  /** ... each within this many non-empty lines of the comment. */
  replyReachLines: number;
  /**
   * Post records (a short `name + time` header, a body of at most replyReachLines lines, a button row
   * right under it) are stronger evidence: this many make a thread on their own.
   */
  postMinRecords: number;
  /** Otherwise only its paragraph-like lines stay: this many chars and two punctuation marks. */
  paragraphMinChars: number;
  /**
   * A content block outside the main one goes when less than this share of its character bigrams
   * occur in the page's heading and the first unrelatedReferenceChars of the main block (another
   * article's text from a feed, a login dialog's sentences).
   */
  unrelatedMaxOverlap: number;
  unrelatedReferenceChars: number;
  /** Blocks with fewer distinct bigrams than this are too small to judge by overlap. */
  unrelatedMinBigrams: number;
  /** Date/counter lines at most this many non-empty lines apart are the records of one feed (see markFeedSummaries). */
  feedRecordLines: number;
  /** Rules (by name) that never remove a line. */
  disabled: ReadonlySet<string>;
}

export type LineClass = 'empty' | 'content' | 'fragment' | 'short' | 'junk';

/** Why a line goes: the rule and what it measured. */
export interface LineVerdict {
  rule: string;
  value: Measure;
  threshold: Measure;
}

/** What the lines with one text share: where it first occurs, how often, and its cue category once judged. */
interface TextOccurrences {
  first: number;
  count: number;
  judged: boolean;
  category?: BoilerplateCategory;
}

interface Line {
  features: LineFeatures;
  occurrences: TextOccurrences;
  /** The class the line's own shape gave it, before any neighbourhood rule. */
  shape: LineClass;
  cls: LineClass;
  verdict?: LineVerdict;
  /** A comment in a thread (between its date and its reply/like buttons): never judged by block. */
  reply?: boolean;
  /** A feed item's summary: how many records its feed has. */
  feed?: number;
}

function initialClass(features: LineFeatures, options: LineRuleOptions): LineClass {
  const { chars, punctuation, endsSentence, endsEllipsis, endsExclamation } = features;
  if (chars === 0) return 'empty';
  // A line ending in ？/！ may be a headline ("……怎么办？"); it needs the length and clauses of prose.
  const sentenceChars = endsExclamation ? options.headlineMaxChars : options.sentenceMinChars;
  if (endsSentence && chars >= sentenceChars && (!endsExclamation || punctuation >= 3)) return 'content';
  if (!endsEllipsis && chars >= options.longLineChars && punctuation >= 2) return 'content';
  if (chars >= options.fragmentMinChars && (punctuation > 0 || endsSentence || endsEllipsis)) return 'fragment';
  if ((features.listMarker || endsSentence) && chars > 2) return 'fragment';
  return 'short';
}

function markJunk(line: Line, verdict: LineVerdict, options: LineRuleOptions): void {
  if (options.disabled.has(verdict.rule) || line.verdict) return;
  line.cls = 'junk';
  line.verdict = verdict;
}

/** The length limit under which the category's cue was trusted: the threshold recorded with the span. */
function cueLengthLimit(category: BoilerplateCategory, chars: number, options: LineRuleOptions): number {
  if (category === 'copyright' || category === 'disclaimer' || category === 'markup') return options.maxFooterChars;
  // Status messages and account dialogs are trusted up to the cue length, buttons only up to their own.
  if (category === 'interface' && chars <= options.maxInterfaceChars) return options.maxInterfaceChars;
  return options.maxCueChars;
}

/** Rules that judge a line by its own cue words. */
const CUE_RULES: ReadonlySet<string> = new Set(['metadata', 'credit', 'breadcrumb', 'interface']);

/** Cues a sentence may carry as a topic (`微信扫码登录…`): not trusted inside a numbered list of text. */
const SOFT_CUES: ReadonlySet<BoilerplateCategory> = new Set(['promo', 'interface']);

/** A numbered item right after another item that reads as text (`5.…。` then `6.…`). */
function continuesTextList(line: Line, previous: Line | undefined): boolean {
  return line.features.listMarker && line.features.punctuation > 0 && previous !== undefined && previous.cls === 'content' && previous.features.listMarker;
}

function markCues(lines: Line[], options: LineRuleOptions): void {
  let previous: Line | undefined;
  for (const line of lines) {
    const { text, chars } = line.features;
    // Pages repeat their chrome (menus, `回复`, `X 关闭`): judge each distinct line once.
    const occurrences = line.occurrences;
    if (!occurrences.judged) {
      occurrences.category = boilerplateCategory(text, chars, options, line.features.cueBits);
      occurrences.judged = true;
    }
    const category = occurrences.category;
    const listItem = continuesTextList(line, previous);
    if (line.cls !== 'empty') previous = line;
    if (category && !(listItem && SOFT_CUES.has(category))) markJunk(line, { rule: category, value: chars, threshold: cueLengthLimit(category, chars, options) }, options);
    else if (line.features.endsBroken) markJunk(line, { rule: 'broken_end', value: true, threshold: true }, options);
  }
}

/** `_`, `|`, spaced dashes, double dashes, or a bare hyphen before a short site name at the end (`标题-某某博客`). */
const TITLE_SEPARATOR = /[_|｜]|\s[-–—]\s|[-–—]{2}|-(?=[^-]{1,16}$)/g;
/** Shortest heading a page title must start with (shorter ones match by accident). */
const TITLE_HEADING_MIN_CHARS = 8;

/** A character every separator contains: most lines have none and skip the scan. */
const TITLE_SEPARATOR_CHAR = /[_|｜\-–—]/;

/** The heading a `heading_站名` line starts with and the index of the line repeating it, trying each separator. */
function pageTitleHeading(text: string, lines: Line[], byText: Map<string, TextOccurrences>): { title: string; at: number } | undefined {
  if (text.length <= TITLE_HEADING_MIN_CHARS || !TITLE_SEPARATOR_CHAR.test(text)) return undefined;
  for (const match of text.matchAll(TITLE_SEPARATOR)) {
    if (match.index < TITLE_HEADING_MIN_CHARS) continue;
    const title = text.slice(0, match.index).trimEnd();
    const at = byText.get(title)?.first;
    if (at !== undefined && lines[at].features.chars >= TITLE_HEADING_MIN_CHARS) return { title, at };
  }
  return undefined;
}

/**
 * Marks `heading_站名` lines whose heading is also a line of the page; returns the index of the first
 * line repeating such a heading (the article's own heading), or -1.
 */
function markPageTitles(lines: Line[], byText: Map<string, TextOccurrences>, options: LineRuleOptions): number {
  let heading = -1;
  for (const line of lines) {
    const text = line.features.text;
    if (text.length > options.maxCueChars * 2) continue;
    const found = pageTitleHeading(text, lines, byText);
    if (!found) continue;
    const { title, at } = found;
    markJunk(line, { rule: 'page_title', value: title.length, threshold: TITLE_HEADING_MIN_CHARS }, options);
    if (heading < 0) heading = at;
  }
  return heading;
}

const MAX_PREFIX_CANDIDATES = 32;

/** The text without a trailing `…`/`⋯` run or a run of three or more `.`/`。`. */
function withoutTrailingEllipsis(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '…' || text[end - 1] === '⋯')) end--;
  let dots = end;
  while (dots > 0 && (text[dots - 1] === '.' || text[dots - 1] === '。')) dots--;
  return text.slice(0, end - dots >= 3 ? dots : end);
}

/** Lines that are strict prefixes of a longer line elsewhere in the document (ellipsis removed). */
function markTruncatedRepeats(lines: Line[], options: LineRuleOptions): void {
  const keyLength = options.truncatedRepeatMinChars;
  const byKey = new Map<string, number[]>();
  lines.forEach((line, index) => {
    const text = line.features.text;
    if (text.length < keyLength) return;
    const key = text.slice(0, keyLength);
    const group = byKey.get(key);
    if (group) group.push(index);
    else byKey.set(key, [index]);
  });
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    // Longest paragraphs first, and only a bounded number of them: a template repeating one prefix
    // thousands of times must not cost quadratic time (repeated_line handles exact copies).
    const paragraphs = group
      .filter((index) => lines[index].cls === 'content')
      .sort((a, b) => lines[b].features.text.length - lines[a].features.text.length)
      .slice(0, MAX_PREFIX_CANDIDATES);
    for (const index of group) {
      if (lines[index].features.endsSentence) continue;
      const core = withoutTrailingEllipsis(lines[index].features.text);
      if (core.length < keyLength) continue;
      const longer = paragraphs.find((other) => other !== index && continuesSentence(lines[other], core));
      if (longer !== undefined) markJunk(lines[index], { rule: 'truncated_repeat', value: core.length, threshold: keyLength }, options);
    }
  }
}

/**
 * Whether `line` is a paragraph that starts with `prefix` and goes on in the same sentence (not a page
 * title that appends `_站名` or ` - 知乎` to a heading).
 */
function continuesSentence(line: Line, prefix: string): boolean {
  const text = line.features.text;
  if (line.cls !== 'content' || text.length <= prefix.length || !text.startsWith(prefix)) return false;
  return !/^[\s_|｜\-–—(（【\[]/.test(text.slice(prefix.length));
}

function isUnfinished(line: Line, options: LineRuleOptions): boolean {
  const f = line.features;
  // A photo caption ends with its credit (`记者 某某 摄`): finished, even without an end mark.
  const minChars = f.endsEllipsis ? options.fragmentMinChars : options.teaserMinChars;
  const photoCredit = f.text.endsWith('摄') || f.text.endsWith('摄影') || f.text.endsWith('供图');
  return f.chars >= minChars && !f.endsSentence && !photoCredit && (line.cls === 'content' || line.cls === 'fragment' || line.cls === 'short' || line.verdict?.rule === 'broken_end');
}

/**
 * "Related articles" teasers: consecutive lines cut at a similar width (or ending in an ellipsis) that
 * never finish a sentence. Real paragraphs vary in length and end with 。！？.
 */
function markTeaserBlocks(lines: Line[], options: LineRuleOptions): void {
  // Already-junk lines (dates, counters between teasers) neither join nor break a run.
  const nonEmpty = lines.map((line, index) => ({ line, index })).filter(({ line }) => line.cls !== 'empty' && (line.cls !== 'junk' || line.verdict?.rule === 'broken_end'));
  let start = 0;
  while (start < nonEmpty.length) {
    if (!isUnfinished(nonEmpty[start].line, options)) {
      start++;
      continue;
    }
    let end = start;
    while (end + 1 < nonEmpty.length && isUnfinished(nonEmpty[end + 1].line, options)) end++;
    const run = nonEmpty.slice(start, end + 1);
    const enclosed = sentenceNearby(lines, nonEmpty[start].index, -1, options) && sentenceNearby(lines, nonEmpty[end].index, 1, options);
    const ellipses = run.filter(({ line }) => line.features.endsEllipsis || line.features.endsBroken).length;
    const uniform = largestUniformGroup(run.map(({ line }) => line.features.chars), options.teaserLengthTolerance);
    if (!enclosed && run.length >= options.teaserMinRun && (uniform >= options.teaserMinRun || ellipses >= 2) && (uniform + ellipses) * 2 >= run.length) {
      for (const { line } of run) markJunk(line, { rule: 'teaser_block', value: run.length, threshold: options.teaserMinRun }, options);
    }
    start = end + 1;
  }
}

/**
 * Whether a finished sentence lies within `contextDistance` lines from `from` in `direction`, with no
 * junk line in between: a list between two sentences is part of the text, not a teaser block.
 */
function sentenceNearby(lines: Line[], from: number, direction: 1 | -1, options: LineRuleOptions): boolean {
  let seen = 0;
  for (let i = from + direction; i >= 0 && i < lines.length && seen < options.contextDistance; i += direction) {
    const line = lines[i];
    if (line.cls === 'empty') continue;
    if (line.cls === 'junk') return false;
    if (line.cls === 'content' && line.features.endsSentence) return true;
    seen++;
  }
  return false;
}

/** Reads like a headline: a ？/！ sentence, or a short clause run without an end mark. */
function isHeadlineLike(line: Line, options: LineRuleOptions): boolean {
  const f = line.features;
  return line.cls !== 'junk' && f.chars >= options.fragmentMinChars && (f.endsExclamation || (!f.endsSentence && f.chars < options.headlineMaxChars));
}

/**
 * A ？/！ sentence is only suspicious in a list of headline-like lines (a feed of teasers); on its
 * own (a forum reply, an exclamation in an article) it is content. Junk lines between list items
 * (dates, counters) do not break the list.
 */
function promoteLoneExclamations(lines: Line[], options: LineRuleOptions): void {
  const visible = lines.filter((line) => line.cls !== 'empty' && line.cls !== 'junk');
  let start = 0;
  while (start < visible.length) {
    let end = start;
    if (isHeadlineLike(visible[start], options)) {
      while (end + 1 < visible.length && isHeadlineLike(visible[end + 1], options)) end++;
    }
    const run = end - start + 1;
    for (let i = start; i <= end; i++) {
      const line = visible[i];
      const f = line.features;
      const candidate = line.cls === 'fragment' && f.endsExclamation && f.chars >= options.sentenceMinChars && f.punctuation >= 2;
      if (candidate && run < options.teaserMinRun) line.cls = 'content';
    }
    start = end + 1;
  }
}

/** Size of the largest set of lengths within `tolerance` (relative) of one another. */
function largestUniformGroup(lengths: number[], tolerance: number): number {
  const sorted = [...lengths].sort((a, b) => a - b);
  let best = 0;
  let low = 0;
  for (let high = 0; high < sorted.length; high++) {
    while (sorted[high] - sorted[low] > sorted[high] * tolerance) low++;
    best = Math.max(best, high - low + 1);
  }
  return best;
}

/**
 * Fragments (clauses, list items, `标签：值` lines) within `limit` lines of content join it, and the
 * content grows through them: one sweep down, one sweep up, so a long list hanging off a paragraph
 * is reached from either side. Junk lines stop the growth.
 */
function growThroughFragments(lines: Line[], limit: number): void {
  const sweep = (order: number[]) => {
    let distance = Infinity;
    for (const i of order) {
      const line = lines[i];
      if (line.cls === 'content') distance = 0;
      else if (line.cls === 'junk') distance = Infinity;
      else if (line.cls !== 'empty') {
        distance++;
        if (line.cls === 'fragment' && distance <= limit) {
          line.cls = 'content';
          distance = 0;
        }
      }
    }
  };
  const indices = lines.map((_, i) => i);
  sweep(indices);
  sweep(indices.reverse());
}

/** Distance (in non-empty lines) to the nearest content line before/after each line; junk lines cut it. */
function contentDistances(lines: Line[]): { before: number[]; after: number[] } {
  const measure = (order: number[], into: number[]) => {
    let distance = Infinity;
    for (const i of order) {
      const cls = lines[i].cls;
      if (cls !== 'empty') distance++;
      into[i] = distance;
      if (cls === 'content') distance = 0;
      else if (cls === 'junk') distance = Infinity;
    }
  };
  const before = new Array<number>(lines.length).fill(Infinity);
  const after = new Array<number>(lines.length).fill(Infinity);
  const indices = lines.map((_, i) => i);
  measure(indices, before);
  measure(indices.reverse(), after);
  return { before, after };
}

/**
 * A page without a single prose line (a table of contents, a list of titles) keeps its densest run of
 * lines between junk: otherwise it would come out empty.
 */
function promoteDensestRun(lines: Line[]): void {
  let best: { start: number; end: number; mass: number } | undefined;
  let start = -1;
  let mass = 0;
  const close = (end: number) => {
    if (start >= 0 && (!best || mass > best.mass)) best = { start, end, mass };
    start = -1;
    mass = 0;
  };
  lines.forEach((line, i) => {
    if (line.cls === 'junk') close(i);
    else if (line.cls !== 'empty') {
      if (start < 0) start = i;
      mass += textMass(line.features);
    }
  });
  close(lines.length);
  if (!best) return;
  for (let i = best.start; i < best.end; i++) if (lines[i].cls !== 'empty') lines[i].cls = 'content';
}

/** Whether a line within `reach` lines of `from` (towards `direction`) was removed by the cue rule `rule`. */
function cueNearby(lines: Line[], from: number, direction: 1 | -1, rule: string, reach: number): boolean {
  for (let i = from + direction, seen = 0; i >= 0 && i < lines.length && seen < reach; i += direction) {
    if (lines[i].cls === 'empty') continue;
    if (lines[i].verdict?.rule === rule) return true;
    seen++;
  }
  return false;
}

function isReplyText(line: Line): boolean {
  return line.cls !== 'junk' && line.cls !== 'empty' && line.features.han > 0 && line.occurrences.count === 1;
}

/** A cue line that dates a post: its author and time (`某某 3天前`, `发表于 2024-05-01 10:00`). */
function isPostHeader(line: Line, options: LineRuleOptions): boolean {
  return line.cls === 'junk' && line.verdict !== undefined && CUE_RULES.has(line.verdict.rule) && isPostHeaderText(line.features.text, options.maxInterfaceChars);
}

/** A row of buttons and counts under a post (`回复`, `点赞 3`, `|`): a cue line without a date. */
function isButtonRow(line: Line): boolean {
  return line.verdict?.rule === 'interface' || (line.verdict?.rule === 'metadata' && !hasTimeMark(line.features.text));
}

/**
 * The lines between a post header and the button row right under them, at most `reach` non-empty
 * lines: the body of one post or comment, however short.
 */
function postBodies(lines: Line[], options: LineRuleOptions): number[][] {
  const reach = options.replyReachLines;
  const bodies: number[][] = [];
  // The junk line a body would hang from; judged as a header only when a body follows (menus are long).
  let previousJunk: Line | undefined;
  let header = false;
  let body: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.cls === 'empty') continue;
    if (header && body.length > 0 && isButtonRow(line)) bodies.push(body);
    if (line.cls === 'junk') {
      previousJunk = line;
      header = false;
      body = [];
      continue;
    }
    if (previousJunk) header = isPostHeader(previousJunk, options);
    previousJunk = undefined;
    if (header && body.length < reach) body.push(i);
    else header = false;
  }
  return bodies;
}

/**
 * A comment thread repeats one record: author, date, the comment, then reply/like buttons. A line with
 * a date line just above and a button line just below is a comment, however short, when the page has
 * at least threadMinReplies of them; one alone is as likely a feed item.
 */
function promoteThreadReplies(lines: Line[], options: LineRuleOptions): void {
  const reach = options.replyReachLines;
  // Widget text repeats on every record (`减少此类内容`); a comment is said once.
  const replies: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (isReplyText(lines[i]) && cueNearby(lines, i, -1, 'metadata', reach) && cueNearby(lines, i, 1, 'interface', 1)) replies.push(i);
  }
  const posts = postBodies(lines, options).filter((body) => body.every((i) => isReplyText(lines[i])));
  const enough = replies.length + posts.length >= options.threadMinReplies;
  const kept = enough ? [...replies, ...posts.flat()] : posts.length >= options.postMinRecords ? posts.flat() : [];
  for (const i of kept) {
    lines[i].cls = 'content';
    lines[i].reply = true;
  }
}

/** Short lines stay only between content on both sides (subheadings, list items); leftover fragments go. */
function resolveByContext(lines: Line[], options: LineRuleOptions): void {
  const limit = options.contextDistance;
  growThroughFragments(lines, limit);
  if (!lines.some((line) => line.cls === 'content')) promoteDensestRun(lines);
  const { before, after } = contentDistances(lines);
  const enclosed = (i: number) => before[i] + after[i] <= options.enclosedMaxLines;
  const keepShort = lines.map((line, i) => line.cls === 'short' && ((before[i] <= limit && after[i] <= limit) || enclosed(i)));
  lines.forEach((line, i) => {
    if (line.cls !== 'short' && line.cls !== 'fragment') return;
    if (keepShort[i]) {
      line.cls = 'content';
      return;
    }
    const nearest = Math.min(before[i], after[i]);
    const rule = line.cls === 'short' ? 'short_line' : 'fragment_line';
    markJunk(line, { rule, value: Number.isFinite(nearest) ? nearest : null, threshold: limit }, options);
  });
}

interface ContentBlock {
  indices: number[];
  /** Mass (textMass) of its lines that are not a feed's summaries. */
  chars: number;
  /** Han characters of all its lines. */
  han: number;
  /** Lines from its first to its last content line, counting only non-empty ones. */
  span: number;
}

/** Runs of content lines; more than `gapLines` non-content lines between two lines start a new run. */
function contentBlocks(lines: Line[], gapLines: number): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  let current: ContentBlock | undefined;
  let gap = 0;
  lines.forEach((line, index) => {
    if (line.cls === 'empty') return;
    if (line.cls === 'content') {
      if (!current || gap > gapLines) {
        current = { indices: [], chars: 0, han: 0, span: 0 };
        blocks.push(current);
      } else current.span += gap;
      current.indices.push(index);
      // A feed's summaries never make a block the article.
      if (!line.feed) current.chars += textMass(line.features);
      current.han += line.features.han;
      current.span++;
      gap = 0;
    } else gap++;
  });
  return blocks;
}

/**
 * The block right under the article's own heading (`anchored`), else the heaviest block; on a page
 * with Chinese text, a block without a single Han character (an English widget message) is never
 * the main one.
 */
function mainContentBlock(blocks: ContentBlock[], heading: number, options: LineRuleOptions): { main: ContentBlock; anchored: boolean } {
  const anchored = heading < 0 ? undefined : blocks.find((block) => block.indices[0] > heading && block.indices[0] - heading <= options.headingReachLines);
  if (anchored) return { main: anchored, anchored: true };
  const withHan = blocks.filter((block) => block.han > 0);
  const candidates = withHan.length > 0 ? withHan : blocks;
  return { main: candidates.reduce((best, block) => (block.chars > best.chars ? block : best)), anchored: false };
}

/** Clusters of adjacent `metadata` lines (a date with its counters), as [first, last] line indices. */
function metadataClusters(lines: Line[]): Array<[number, number]> {
  const clusters: Array<[number, number]> = [];
  let open: [number, number] | undefined;
  lines.forEach((line, i) => {
    if (line.cls === 'empty') return;
    if (line.verdict?.rule === 'metadata') {
      if (open) open[1] = i;
      else clusters.push((open = [i, i]));
    } else open = undefined;
  });
  return clusters;
}

/** Index of the first non-empty line from `from` towards `direction`: -1 or lines.length when none. */
function nearestNonEmpty(lines: Line[], from: number, direction: 1 | -1): number {
  let i = from + direction;
  while (i >= 0 && i < lines.length && lines[i].cls === 'empty') i += direction;
  return i;
}

/**
 * A "related posts" feed repeats one record: a title (and an author or blog name), a date/counter
 * line, a summary. In a run of date/counter lines at most feedRecordLines non-empty lines apart, a
 * content line right under one of them with a line not shaped like prose (the title) right above it
 * is a summary, whatever its topic or shape: at least teaserMinRun such summaries make a feed.
 * Section numbers between paragraphs have a paragraph above them; a post under a `name + time`
 * header is not a summary, and thread comments keep their own rule.
 */
function markFeedSummaries(lines: Line[], options: LineRuleOptions): void {
  const clusters = metadataClusters(lines);
  let start = 0;
  while (start < clusters.length) {
    let end = start;
    while (end + 1 < clusters.length && nonEmptyBetween(lines, clusters[end][1], clusters[end + 1][0]) <= options.feedRecordLines) end++;
    const summaries: number[] = [];
    for (let c = start; c <= end; c++) {
      const [first, last] = clusters[c];
      const above = nearestNonEmpty(lines, first, -1);
      const below = nearestNonEmpty(lines, last, 1);
      // Under a `name + time` header the line is a post, not a summary.
      if (above < 0 || below >= lines.length || lines[above].shape === 'content' || isPostHeader(lines[last], options)) continue;
      if (lines[below].cls === 'content' && !lines[below].reply) summaries.push(below);
    }
    if (summaries.length >= options.teaserMinRun) for (const i of summaries) lines[i].feed = summaries.length;
    start = end + 1;
  }
}

function nonEmptyBetween(lines: Line[], from: number, to: number): number {
  let count = 0;
  for (let i = from + 1; i < to; i++) if (lines[i].cls !== 'empty') count++;
  return count;
}

/**
 * The main text is the heaviest run of content lines; content far from it (comment threads, sidebars,
 * footers) is kept only when it is substantial itself.
 */
function markOutsideMainBlock(lines: Line[], heading: number, options: LineRuleOptions): void {
  const blocks = contentBlocks(lines, options.blockGapLines);
  if (blocks.length === 0) return;
  // The block right under the article's own heading is the article, however heavy a feed below it is.
  const { main: mainBlock, anchored } = mainContentBlock(blocks, heading, options);
  const main = mainBlock.chars;
  for (const block of blocks) {
    // Content interleaved with as many non-content lines (feeds: title, summary, date) is not text.
    const dense = block.indices.length >= block.span * options.secondaryBlockMinDensity;
    const heavyEnough = block.chars >= main * options.secondaryBlockRatio && (!anchored || block.chars <= main / options.secondaryBlockRatio);
    const bigEnough = !anchored && block.chars >= options.secondaryBlockMinChars;
    // Feed summaries go from every block but a main one chosen for its other lines' mass.
    if (block === mainBlock && !anchored) continue;
    for (const index of block.indices) {
      const feed = lines[index].feed;
      if (feed !== undefined) markJunk(lines[index], { rule: 'feed_record', value: feed, threshold: options.teaserMinRun }, options);
    }
    if (block === mainBlock || (dense && (heavyEnough || bigEnough))) continue;
    const share = Math.round((block.chars / Math.max(main, 1)) * 1000) / 1000;
    const anotherArticle = anchored && block.chars > main / options.secondaryBlockRatio;
    for (const index of block.indices) {
      if (lines[index].reply) continue;
      // A paragraph right under a date/counter line and with no reply button below is a feed item's summary.
      const feedSummary = cueNearby(lines, index, -1, 'metadata', 1);
      if (!anotherArticle && !feedSummary && isParagraph(lines[index].features, options)) continue;
      markJunk(lines[index], { rule: 'outside_main_block', value: share, threshold: options.secondaryBlockRatio }, options);
    }
  }
}

/** Adjacent pairs of Han characters, letters and digits (runs broken by spaces and punctuation). */
function addBigrams(text: string, into: Set<number>, budget = Infinity): number {
  let previous = -1;
  let used = 0;
  for (let i = 0; i < text.length && used < budget; i++) {
    const code = text.charCodeAt(i);
    const word = (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
    if (!word) {
      previous = -1;
      continue;
    }
    const folded = code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
    if (previous >= 0) into.add(previous * 0x10000 + folded);
    previous = folded;
    used++;
  }
  return used;
}

/**
 * Topic drift: a block of content separated from the main text by chrome that shares almost no
 * character bigrams with the heading and the opening of the main text is someone else's text (the
 * next article of a feed, a dialog), whatever its shape. Under a Chinese main text, a block without a
 * single Han character (a widget's English error message) goes as `foreign_block`.
 */
function markUnrelatedBlocks(lines: Line[], heading: number, options: LineRuleOptions): void {
  const blocks = contentBlocks(lines, options.blockGapLines);
  if (blocks.length < 2) return;
  const { main } = mainContentBlock(blocks, heading, options);
  const reference = new Set<number>();
  if (heading >= 0) addBigrams(lines[heading].features.text, reference);
  let budget = options.unrelatedReferenceChars;
  for (const index of main.indices) {
    if (budget <= 0) break;
    budget -= addBigrams(lines[index].features.text, reference, budget);
  }
  const chineseMain = main.han * 2 >= main.chars;
  for (const block of blocks) {
    if (block === main) continue;
    const candidates = block.indices.filter((index) => !lines[index].reply);
    if (chineseMain && block.han === 0) {
      for (const index of candidates) markJunk(lines[index], { rule: 'foreign_block', value: 0, threshold: 1 }, options);
      continue;
    }
    const own = new Set<number>();
    for (const index of candidates) addBigrams(lines[index].features.text, own);
    if (own.size < options.unrelatedMinBigrams) continue;
    let shared = 0;
    for (const bigram of own) if (reference.has(bigram)) shared++;
    const overlap = Math.round((shared / own.size) * 1000) / 1000;
    if (overlap >= options.unrelatedMaxOverlap) continue;
    for (const index of candidates) markJunk(lines[index], { rule: 'unrelated_block', value: overlap, threshold: options.unrelatedMaxOverlap }, options);
  }
}

/** Han characters count fully, others a third: a Chinese page's main text outweighs an English widget. */
function textMass(features: LineFeatures): number {
  return features.han + (features.chars - features.han) / 3;
}

function isParagraph(features: LineFeatures, options: LineRuleOptions): boolean {
  return features.chars >= options.paragraphMinChars && features.punctuation >= 2 && !features.endsEllipsis;
}

/** Exact repeats: one copy stays (the first one kept as content), the others go. */
function markRepeats(lines: Line[], options: LineRuleOptions): void {
  const groups = new Map<TextOccurrences, number[]>();
  lines.forEach((line, index) => {
    if (line.cls === 'empty' || line.occurrences.count < 2) return;
    const group = groups.get(line.occurrences);
    if (group) group.push(index);
    else groups.set(line.occurrences, [index]);
  });
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const survivor = group.find((index) => lines[index].cls === 'content');
    if (survivor === undefined) continue;
    for (const index of group) {
      if (index !== survivor) markJunk(lines[index], { rule: 'repeated_line', value: group.length, threshold: 1 }, options);
    }
  }
}

/** Decides every line of a document; returns the verdicts of the lines to remove, by index. */
export function classifyLines(text: string, options: LineRuleOptions): Map<number, LineVerdict> {
  const byText = new Map<string, TextOccurrences>();
  const lines: Line[] = text.split('\n').map((raw, index) => {
    const features = lineFeatures(raw);
    const shape = initialClass(features, options);
    let occurrences = byText.get(features.text);
    if (occurrences) occurrences.count++;
    else byText.set(features.text, (occurrences = { first: index, count: 1, judged: false }));
    return { features, occurrences, shape, cls: shape };
  });
  markCues(lines, options);
  const heading = markPageTitles(lines, byText, options);
  markTruncatedRepeats(lines, options);
  markTeaserBlocks(lines, options);
  promoteLoneExclamations(lines, options);
  promoteThreadReplies(lines, options);
  resolveByContext(lines, options);
  markFeedSummaries(lines, options);
  markOutsideMainBlock(lines, heading, options);
  markUnrelatedBlocks(lines, heading, options);
  markRepeats(lines, options);
  const verdicts = new Map<number, LineVerdict>();
  lines.forEach((line, index) => {
    if (line.verdict) verdicts.set(index, line.verdict);
  });
  return verdicts;
}
