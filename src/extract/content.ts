import type { ElementNode } from './dom.js';
import { hintFactor, POSITIVE_FACTOR, STRONG_NEGATIVE_FACTOR, WEAK_NEGATIVE_FACTOR } from './hints.js';

/** Elements that start a new line of text. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hr', 'html', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'tr', 'ul', 'caption', 'menu', 'dialog', '#root',
]);

/** Tags that are page chrome whatever their class says. */
const CHROME_TAGS = new Set(['nav', 'aside', 'footer', 'menu', 'header']);
const CONTENT_TAGS = new Set(['article', 'main']);

/** A run of inline text between block boundaries. */
export interface Block {
  /** Index of the innermost block element holding the run. */
  owner: number;
  text: string;
  chars: number;
  linkChars: number;
  punctuation: number;
  /** Contribution to the content score of its ancestors. */
  value: number;
}

/** The page flattened into preorder element arrays plus its text blocks. */
export interface PageLayout {
  nodes: ElementNode[];
  parent: Int32Array;
  /** Preorder index one past the element's last descendant. */
  end: Int32Array;
  /** Own class/tag factor: <1 boilerplate-looking, >1 content-looking. */
  factor: Float64Array;
  /** 1 for elements inside a list of teasers for other pages. */
  teaser: Uint8Array;
  blocks: Block[];
  /** Subtree sums: net score, positive part of it, characters, characters inside links. */
  score: Float64Array;
  gain: Float64Array;
  chars: Float64Array;
  linkChars: Float64Array;
}

const SPACE = 1;
const PUNCTUATION = 2;
/** Character classes of the BMP in one table: a load per character instead of a chain of compares. */
const CHARACTER_CLASS = new Uint8Array(0x10000);
for (let code = 0; code <= 0x20; code++) CHARACTER_CLASS[code] = SPACE;
for (let code = 0x2000; code <= 0x200b; code++) CHARACTER_CLASS[code] = SPACE;
for (const code of [0xa0, 0x3000, 0xfeff]) CHARACTER_CLASS[code] = SPACE;
// Sentence punctuation, CJK and ASCII: its density separates prose from labels and menus.
for (const char of '，。！？、；：“”‘’…（）《》,.!?;') CHARACTER_CLASS[char.charCodeAt(0)] = PUNCTUATION;

/**
 * Score of a text run: long, punctuated, unlinked text is content; link-heavy runs and short
 * unpunctuated labels count against the elements that hold them.
 */
function blockValue(chars: number, linkChars: number, punctuation: number): number {
  if (chars === 0) return 0;
  const plain = chars - linkChars;
  if (linkChars / chars > 0.5) return -chars;
  if (punctuation === 0) return plain >= 10 ? plain * 0.3 : -Math.min(chars, 30) * 0.5;
  const density = Math.min(1, (punctuation / plain) * 10);
  const lengthWeight = plain >= 30 ? 1 : 0.5;
  return plain * lengthWeight * (1 + density) - linkChars * 2;
}

function elementFactor(node: ElementNode): number {
  if (CHROME_TAGS.has(node.tag)) return STRONG_NEGATIVE_FACTOR;
  // Forum software wraps the post list in moderation forms.
  if (node.tag === 'form') return WEAK_NEGATIVE_FACTOR;
  const factor = hintFactor(node.hint);
  if (factor !== 1) return factor;
  return CONTENT_TAGS.has(node.tag) ? POSITIVE_FACTOR : 1;
}

/** Flattens the tree into blocks and subtree scores without recursion. */
export function layoutPage(root: ElementNode): PageLayout {
  const nodes: ElementNode[] = [];
  const parents: number[] = [];
  const own: number[] = [];
  /** Inherited factor applied to positive block values: the strongest boilerplate ancestor wins. */
  const factors: number[] = [];
  const ends: number[] = [];
  const blocks: Block[] = [];

  let parts: string[] = [];
  let chars = 0;
  let linkChars = 0;
  let punctuation = 0;
  let linkDepth = 0;
  const blockOwners: number[] = [];

  const flush = (): void => {
    if (chars > 0) {
      const owner = blockOwners[blockOwners.length - 1];
      const base = blockValue(chars, linkChars, punctuation);
      const value = base > 0 ? base * factors[owner] : base;
      blocks.push({ owner, text: renderRun(parts), chars, linkChars, punctuation, value });
    }
    parts = [];
    chars = 0;
    linkChars = 0;
    punctuation = 0;
  };

  const enter = (node: ElementNode, parent: number): number => {
    const index = nodes.length;
    nodes.push(node);
    parents.push(parent);
    ends.push(0);
    const factor = elementFactor(node);
    own.push(factor);
    const inherited = parent < 0 ? 1 : factors[parent];
    factors.push(factor < 1 ? Math.min(inherited, factor) : factor > 1 && inherited === 1 ? factor : inherited);
    if (BLOCK_TAGS.has(node.tag)) {
      flush();
      blockOwners.push(index);
    }
    if (node.tag === 'a') linkDepth++;
    return index;
  };

  const stackNodes: ElementNode[] = [root];
  const stackIndex: number[] = [enter(root, -1)];
  const stackPos: number[] = [0];
  while (stackNodes.length > 0) {
    const top = stackNodes.length - 1;
    const node = stackNodes[top];
    const pos = stackPos[top];
    if (pos < node.children.length) {
      stackPos[top] = pos + 1;
      const child = node.children[pos];
      if (typeof child === 'string') {
        parts.push(child);
        let textChars = 0;
        for (let i = 0; i < child.length; i++) {
          const kind = CHARACTER_CLASS[child.charCodeAt(i)];
          if (kind === SPACE) continue;
          textChars++;
          if (kind === PUNCTUATION) punctuation++;
        }
        chars += textChars;
        if (linkDepth > 0) linkChars += textChars;
      } else if (child.tag === 'br') {
        parts.push(BREAK);
      } else {
        stackNodes.push(child);
        stackIndex.push(enter(child, stackIndex[top]));
        stackPos.push(0);
      }
      continue;
    }
    const index = stackIndex[top];
    if (BLOCK_TAGS.has(node.tag)) {
      flush();
      blockOwners.pop();
    }
    if (node.tag === 'a') linkDepth--;
    ends[index] = nodes.length;
    stackNodes.pop();
    stackIndex.pop();
    stackPos.pop();
  }

  const parent = Int32Array.from(parents);
  const end = Int32Array.from(ends);
  const teaser = markTeaserLists(nodes, parent, end, blocks);
  for (const block of blocks) if (teaser[block.owner] && block.value > 0) block.value *= STRONG_NEGATIVE_FACTOR;
  const sums = subtreeSums(parent, blocks);
  return { nodes, parent, end, factor: Float64Array.from(own), teaser, blocks, ...sums };
}

function subtreeSums(parent: Int32Array, blocks: Block[]): Pick<PageLayout, 'score' | 'gain' | 'chars' | 'linkChars'> {
  const count = parent.length;
  const score = new Float64Array(count);
  const gain = new Float64Array(count);
  const chars = new Float64Array(count);
  const linkChars = new Float64Array(count);
  for (const block of blocks) {
    score[block.owner] += block.value;
    if (block.value > 0) gain[block.owner] += block.value;
    chars[block.owner] += block.chars;
    linkChars[block.owner] += block.linkChars;
  }
  for (let i = count - 1; i > 0; i--) {
    const up = parent[i];
    score[up] += score[i];
    gain[up] += gain[i];
    chars[up] += chars[i];
    linkChars[up] += linkChars[i];
  }
  return { score, gain, chars, linkChars };
}

const DIGITS = /\d+/g;

/**
 * What repeated posts share: the class, and the id with its numbers masked (`post_123`,
 * `post_124`), since some forums only number their posts.
 */
function structureOf(node: ElementNode): string {
  return node.hint.replace(DIGITS, '#').trim();
}

/** A linked headline: the anchor of a teaser item ("标题 + 摘要" lists of other articles). */
const HEADLINE_CHARS = 10;
const TEASER_MIN_ITEMS = 3;
/** Teaser items are short; forum posts and article sections are not all this short. */
const TEASER_MAX_ITEM_CHARS = 300;

function isTeaserItem(headlines: number): boolean {
  return headlines >= 1 && headlines <= 2;
}

/**
 * Marks lists of other articles (each item a linked headline plus a summary) and everything under
 * them: their summaries read like prose, so only their shape gives them away.
 */
function markTeaserLists(nodes: ElementNode[], parent: Int32Array, end: Int32Array, blocks: Block[]): Uint8Array {
  const count = parent.length;
  const headlines = new Float64Array(count);
  const chars = new Float64Array(count);
  for (const block of blocks) {
    chars[block.owner] += block.chars;
    if (block.linkChars >= HEADLINE_CHARS && block.linkChars / block.chars > 0.5) headlines[block.owner]++;
  }
  for (let i = count - 1; i > 0; i--) {
    headlines[parent[i]] += headlines[i];
    chars[parent[i]] += chars[i];
  }
  const teaser = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    if (i > 0 && teaser[parent[i]]) teaser[i] = 1;
    if (teaser[i]) continue;
    let items = 0;
    let withHeadline = 0;
    for (let child = i + 1; child < end[i]; child = end[child]) {
      if (chars[child] === 0) continue;
      items++;
      if (isTeaserItem(headlines[child])) withHeadline++;
    }
    if (items < TEASER_MIN_ITEMS || withHeadline * 3 < items * 2 || chars[i] / items > TEASER_MAX_ITEM_CHARS) continue;
    const record = repeatedRecord(nodes, end, i, (child) => isTeaserItem(headlines[child]));
    if (record.count * 3 < items * 2) continue;
    // Only the items are marked, so an article sharing a parent with the list stays clean.
    for (let child = i + 1; child < end[i]; child = end[child]) {
      if (isTeaserItem(headlines[child]) && recordKey(nodes[child]) === record.key) teaser[child] = 1;
    }
  }
  return teaser;
}

function recordKey(node: ElementNode): string {
  return `${node.tag} ${structureOf(node)}`;
}

/**
 * The most common tag-and-class among the children that pass `accept`: list items repeat one
 * structure, while the header, body and footer of a single post each have their own.
 */
function repeatedRecord(nodes: ElementNode[], end: Int32Array, container: number, accept: (child: number) => boolean): { key: string; count: number } {
  const counts = new Map<string, number>();
  let best = { key: '', count: 0 };
  for (let child = container + 1; child < end[container]; child = end[child]) {
    if (!accept(child)) continue;
    const key = recordKey(nodes[child]);
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count > best.count) best = { key, count };
  }
  return best;
}

/** Stands for `<br>` while source whitespace (which never breaks lines) is collapsed. */
const BREAK = '\ue000';
const WHITESPACE = /[\s\u200b]+/g;
const BREAKS = / ?\ue000[ \ue000]*/g;

/** Joins a run's text, collapsing source whitespace and keeping `<br>` breaks. */
function renderRun(parts: string[]): string {
  const raw = parts.length === 1 ? parts[0] : parts.join('');
  return raw.replace(WHITESPACE, ' ').replace(BREAKS, '\n').trim();
}

/** The chosen main content: text plus what the confidence is based on. */
export interface ContentChoice {
  text: string;
  /** Preorder indices of the chosen subtrees (one, or several sibling posts/answers). */
  roots: number[];
  /** Share of the page's positive text score inside the chosen subtrees (0–1). */
  share: number;
  linkDensity: number;
}

function siblingsOf(layout: PageLayout, index: number): number[] {
  const up = layout.parent[index];
  if (up < 0) return [index];
  const out: number[] = [];
  for (let child = up + 1; child < layout.end[up]; child = layout.end[child]) out.push(child);
  return out;
}

/** How far up from the best element to look for repeated posts/answers. */
const SEQUENCE_LEVELS = 10;

/** Posts carry linked user names, reply and report buttons around their text. */
const POST_MAX_LINK_DENSITY = 0.5;

function looksLikePost(layout: PageLayout, index: number): boolean {
  const chars = layout.chars[index];
  return layout.score[index] > 0 && chars >= 4 && layout.linkChars[index] / chars < POST_MAX_LINK_DENSITY;
}

/**
 * Forum threads and Q&A pages repeat one structure per post; when the best element is one of
 * several similar siblings with good text, all of them are kept, in page order.
 */
function expandToSequence(layout: PageLayout, best: number): number[] {
  let current = best;
  for (let level = 0; level < SEQUENCE_LEVELS && layout.parent[current] >= 0; level++) {
    const node = layout.nodes[current];
    const signature = structureOf(node);
    const similar = siblingsOf(layout, current).filter((sibling) => {
      const other = layout.nodes[sibling];
      return other.tag === node.tag && structureOf(other) === signature && (sibling === current || looksLikePost(layout, sibling));
    });
    if (similar.length > 1 && signature !== '') return similar;
    current = layout.parent[current];
  }
  return [best];
}

/** How far up from a single chosen element to look for the replies that follow it. */
const FOLLOWING_LEVELS = 3;
const MIN_REPLIES = 2;
/** Only a short chosen text reads as a question or topic; after a long article, lists are chrome. */
const TOPIC_MAX_CHARS = 300;

/** Replies are often one short line without punctuation, so only net-positive text is asked of them. */
function looksLikeReply(layout: PageLayout, index: number): boolean {
  const chars = layout.chars[index];
  return chars >= 4 && layout.gain[index] > 0 && !layout.teaser[index] && layout.linkChars[index] / chars < POST_MAX_LINK_DENSITY;
}

/** The outermost list in a subtree whose same-structure items mostly look like replies. */
function replyListIn(layout: PageLayout, container: number): number[] {
  const { end } = layout;
  for (let i = container; i < end[container]; i++) {
    if (isJunk(layout, i)) {
      i = end[i] - 1;
      continue;
    }
    const groups = new Map<string, number[]>();
    for (let child = i + 1; child < end[i]; child = end[child]) {
      const structure = structureOf(layout.nodes[child]);
      if (structure === '') continue;
      const key = `${layout.nodes[child].tag} ${structure}`;
      const group = groups.get(key);
      if (group) group.push(child);
      else groups.set(key, [child]);
    }
    for (const group of groups.values()) {
      const replies = group.filter((item) => looksLikeReply(layout, item));
      if (replies.length >= MIN_REPLIES && replies.length * 2 >= group.length) return replies;
    }
  }
  return [];
}

/**
 * Answers under a question and replies under a topic often sit in their own container after the
 * chosen one; the first such list among the following siblings of its nearest ancestors is added.
 */
function withFollowingReplies(layout: PageLayout, root: number): number[] {
  if (layout.chars[root] > TOPIC_MAX_CHARS) return [root];
  let current = root;
  for (let level = 0; level < FOLLOWING_LEVELS && layout.parent[current] >= 0; level++) {
    const up = layout.parent[current];
    for (let sibling = layout.end[current]; sibling < layout.end[up]; sibling = layout.end[sibling]) {
      const replies = replyListIn(layout, sibling);
      if (replies.length > 0) return [root, ...replies];
    }
    current = up;
  }
  return [root];
}

/** Siblings are taken in when their good text outweighs this share of their penalties. */
const WIDEN_RATIO = 0.3;

/**
 * The best-scoring element can be too narrow on short pages (a question without its answers):
 * climb while the siblings added hold enough good text to pay for their boilerplate.
 */
function widen(layout: PageLayout, best: number): number {
  const { parent, score, gain } = layout;
  let current = best;
  while (parent[current] >= 0) {
    const up = parent[current];
    const addedGain = gain[up] - gain[current];
    const addedLoss = addedGain - (score[up] - score[current]);
    if (addedGain <= 0 || addedGain < WIDEN_RATIO * addedLoss) break;
    current = up;
  }
  return current;
}

/** Boilerplate-hinted elements inside the chosen content that hold links or little text. */
function isJunk(layout: PageLayout, index: number): boolean {
  if (layout.teaser[index]) return true;
  const factor = layout.factor[index];
  if (factor >= 1) return false;
  const chars = layout.chars[index];
  const linkDensity = chars > 0 ? layout.linkChars[index] / chars : 0;
  if (factor <= STRONG_NEGATIVE_FACTOR) return chars < 200 || linkDensity > 0.25;
  return linkDensity > 0.4;
}

function bestIn(layout: PageLayout, from: number, to: number): number {
  const { score } = layout;
  let best = from;
  for (let i = from + 1; i < to; i++) if (score[i] > score[best]) best = i;
  return best;
}

/**
 * The highest-scoring element, kept inside the page's `<main>` when it has one with good text:
 * the page declares its dominant content there, and what scores higher outside it is a dialog or
 * a feed (a short post loses to a long payment notice on text alone).
 */
function bestElement(layout: PageLayout): number {
  const best = bestIn(layout, 0, layout.nodes.length);
  const main = layout.nodes.findIndex((node) => node.tag === 'main');
  if (main < 0 || (best >= main && best < layout.end[main]) || layout.gain[main] <= 0) return best;
  return bestIn(layout, main, layout.end[main]);
}

/** Picks the main content and renders it as lines. */
export function chooseContent(layout: PageLayout): ContentChoice {
  const best = bestElement(layout);
  const sequence = expandToSequence(layout, widen(layout, best));
  const roots = sequence.length === 1 ? withFollowingReplies(layout, sequence[0]) : sequence;

  const excluded = new Uint8Array(layout.nodes.length);
  for (const root of roots) {
    for (let i = root + 1; i < layout.end[root]; i++) {
      const up = layout.parent[i];
      if (excluded[up] || isJunk(layout, i)) excluded[i] = 1;
    }
  }

  let positive = 0;
  for (const block of layout.blocks) if (block.value > 0) positive += block.value;
  let chosenScore = 0;
  let chars = 0;
  let linkChars = 0;
  const lines: string[] = [];
  let rootIndex = 0;
  for (const block of layout.blocks) {
    while (rootIndex < roots.length && block.owner >= layout.end[roots[rootIndex]]) rootIndex++;
    if (rootIndex >= roots.length) break;
    const root = roots[rootIndex];
    if (block.owner < root || excluded[block.owner]) continue;
    if (block.linkChars / block.chars > 0.6) continue;
    chosenScore += Math.max(0, block.value);
    chars += block.chars;
    linkChars += block.linkChars;
    lines.push(block.text);
  }
  return {
    text: lines.join('\n'),
    roots,
    share: positive > 0 ? Math.min(1, chosenScore / positive) : 0,
    linkDensity: chars > 0 ? linkChars / chars : 0,
  };
}
