import { decodeHTML, decodeHTMLAttribute } from 'entities/decode';
import { Parser, Tokenizer } from 'htmlparser2';
import { decodedPage, type ScannablePage } from './charset.js';

/** A light element node: only what main-content scoring needs. */
export interface ElementNode {
  tag: string;
  /** `class` and `id` joined by a space, for boilerplate/content hints. */
  hint: string;
  parent: ElementNode | null;
  children: Array<ElementNode | string>;
}

/** What the page says about itself outside the visible body. */
export interface PageHead {
  title: string;
  /** `<meta name|property|itemprop>` values, keys lower-cased; first value wins. */
  meta: Map<string, string>;
  /** Raw text of `<script type="application/ld+json">` blocks. */
  jsonLd: string[];
  /** `<time datetime>` values in document order. */
  times: string[];
}

export interface ParsedPage {
  root: ElementNode;
  head: PageHead;
  /** False when the time budget ran out before the whole page was parsed. */
  complete: boolean;
}

/** Elements whose content is never visible text. */
const DROPPED_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'select', 'option', 'textarea', 'button', 'input', 'video', 'audio', 'map', 'dialog',
]);

/** The only attributes the extractor reads; the values of all others are never materialised. */
const KEPT_ATTRIBUTES = [
  'class', 'id', 'style', 'hidden', 'type', 'datetime', 'name', 'property', 'itemprop', 'http-equiv', 'content',
] as const;
type KeptAttributes = Partial<Record<(typeof KEPT_ATTRIBUTES)[number], string>>;
/** KEPT_ATTRIBUTES by length, so a name is compared in place with the few of its length, never sliced. */
const KEPT_BY_LENGTH: Array<Array<keyof KeptAttributes>> = [];
for (const name of KEPT_ATTRIBUTES) (KEPT_BY_LENGTH[name.length] ??= []).push(name);

/** Every tag gets an object of one shape, so reading its attributes stays monomorphic. */
function noAttributes(): KeptAttributes {
  return {
    class: undefined, id: undefined, style: undefined, hidden: undefined, type: undefined, datetime: undefined,
    name: undefined, property: undefined, itemprop: undefined, 'http-equiv': undefined, content: undefined,
  };
}

const HIDDEN_STYLE = /display\s*:\s*none/i;

function isHidden(attribs: KeptAttributes): boolean {
  if (attribs.hidden !== undefined) return true;
  const style = attribs.style;
  return style !== undefined && style.length < 500 && HIDDEN_STYLE.test(style);
}

/** Attribute names are ASCII; `| 0x20` lower-cases letters and leaves `-` (0x2d) as it is. */
function sameNameIgnoringCase(html: string, start: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) if ((html.charCodeAt(start + i) | 0x20) !== name.charCodeAt(i)) return false;
  return true;
}

/** The lower-case name when `html[start, end)` names a read attribute, else null. */
function keptAttributeName(html: string, start: number, end: number): keyof KeptAttributes | null {
  const candidates = KEPT_BY_LENGTH[end - start];
  if (candidates === undefined) return null;
  for (const name of candidates) if (sameNameIgnoringCase(html, start, name)) return name;
  return null;
}

/** The tokenizer fields the skip-ahead moves (private in htmlparser2's typings). */
interface TokenizerPosition {
  buffer: string;
  index: number;
  offset: number;
}

/** Native search from just after the tokenizer's position; returns whether `c` was found. */
function fastForwardTo(this: TokenizerPosition, c: number): boolean {
  const found = this.buffer.indexOf(String.fromCharCode(c), this.index - this.offset + 1);
  if (found === -1) {
    // The tokenizer's loop increments the index after each state call, so stop one short.
    this.index = this.buffer.length + this.offset - 1;
    return false;
  }
  this.index = found + this.offset;
  return true;
}

/**
 * htmlparser2's tokenizer with its skip-ahead (to the next `<`, closing quote or `>`) done by the
 * engine's native `indexOf` instead of a per-character loop: text, attribute values, and the
 * CSS and scripts that make up half of a page's bytes are skipped through this way.
 */
export class SkippingTokenizer extends Tokenizer {}
// htmlparser2 declares fastForwardTo private, so TypeScript cannot see an override; set it on the subclass only.
Object.defineProperty(SkippingTokenizer.prototype, 'fastForwardTo', { value: fastForwardTo });

/**
 * Text read from ranges of the markup. A run the tokenizer hands over in pieces (split by parse
 * chunks, even inside a character's bytes or an `&amp;`) has adjacent ranges, decoded as one.
 */
class RangeText {
  private text = '';
  private start = -1;
  private end = -1;

  constructor(private readonly page: ScannablePage) {}

  add(start: number, end: number): void {
    if (start === this.end) {
      this.end = end;
      return;
    }
    this.close();
    this.start = start;
    this.end = end;
  }

  get isEmpty(): boolean {
    return this.start < 0 && this.text === '';
  }

  /** The text so far, and starts over. */
  take(): string {
    this.close();
    const text = this.text;
    this.text = '';
    return text;
  }

  private close(): void {
    if (this.start >= 0 && this.end > this.start) this.text += this.page.text(this.start, this.end);
    this.start = -1;
    this.end = -1;
  }
}

/**
 * htmlparser2's parser (its stack handles unclosed and misnested tags) reading only what the
 * extractor needs, straight from markup offsets: text ranges go to `onText`, and of the
 * attributes only the few in KEPT_ATTRIBUTES are read, into `attributes`. Pages carry long
 * `href`, `src`, `data-*` and inline-JSON attributes that are never sliced out this way.
 */
class SkimmingParser extends Parser {
  /** Read attributes of the tag being opened, decoded; the first value of a name wins. */
  attributes = noAttributes();
  private attribute: keyof KeptAttributes | null = null;
  private valueStart = -1;
  private valueEnd = -1;

  constructor(
    private readonly page: ScannablePage,
    private readonly onText: (start: number, end: number) => void,
    handler: ConstructorParameters<typeof Parser>[0],
  ) {
    // Entities are decoded on whole text runs and values: the tokenizer's per-character entity
    // state machine cost about a quarter of parsing, and most text has no `&` at all.
    super(handler, { decodeEntities: false, Tokenizer: SkippingTokenizer });
  }

  override ontext(start: number, endIndex: number): void {
    this.onText(start, endIndex);
  }

  override onopentagname(start: number, endIndex: number): void {
    this.attributes = noAttributes();
    super.onopentagname(start, endIndex);
  }

  override onattribname(start: number, endIndex: number): void {
    this.attribute = keptAttributeName(this.page.markup, start, endIndex);
    this.valueStart = -1;
  }

  override onattribdata(start: number, endIndex: number): void {
    if (this.attribute === null) return;
    if (this.valueStart < 0) this.valueStart = start;
    this.valueEnd = endIndex;
  }

  override onattribend(): void {
    const name = this.attribute;
    if (name !== null && this.attributes[name] === undefined) {
      const value = this.valueStart < 0 ? '' : this.page.text(this.valueStart, this.valueEnd);
      this.attributes[name] = value.includes('&') ? decodeHTMLAttribute(value) : value;
    }
    this.attribute = null;
  }
}

/** Chunk size between time-budget checks while parsing. */
const PARSE_CHUNK = 256 * 1024;

/**
 * Parses HTML into a light tree. Building the tree through events keeps it iterative, so deep
 * nesting cannot overflow the call stack. A page scanned as bytes (see `scannablePage`) has its
 * text, title, JSON-LD and read attribute values decoded from the ranges read.
 */
export function parsePage(input: string | ScannablePage, deadline = Infinity): ParsedPage {
  const page = typeof input === 'string' ? decodedPage(input) : input;
  const html = page.markup;
  const root: ElementNode = { tag: '#root', hint: '', parent: null, children: [] };
  const head: PageHead = { title: '', meta: new Map(), jsonLd: [], times: [] };
  let current = root;
  const title = new RangeText(page);
  let inTitle = false;
  const jsonLd = new RangeText(page);
  let inJsonLd = false;
  let droppedDepth = 0;
  /** Raw text since the last tag. */
  const pendingText = new RangeText(page);
  const flushText = (): void => {
    const text = pendingText.take();
    if (text !== '') current.children.push(text.includes('&') ? decodeHTML(text) : text);
  };

  const onText = (start: number, end: number): void => {
    if (inTitle) title.add(start, end);
    else if (inJsonLd) jsonLd.add(start, end);
    else if (droppedDepth === 0) pendingText.add(start, end);
  };

  const parser: SkimmingParser = new SkimmingParser(page, onText, {
    onopentag(name, _unread, isImplied) {
      flushText();
      // Implied tags (`</p>` with no open `<p>`) have no attributes of their own.
      const attribs = isImplied ? noAttributes() : parser.attributes;
      if (name === 'title' && title.isEmpty) inTitle = true;
      else if (name === 'meta') recordMeta(head.meta, attribs);
      else if (name === 'script' && attribs.type?.toLowerCase() === 'application/ld+json') inJsonLd = true;
      else if (name === 'time' && attribs.datetime) head.times.push(attribs.datetime);
      // Dropped subtrees (scripts, SVG, forms controls, hidden nodes) are only counted, never built.
      if (droppedDepth > 0 || DROPPED_TAGS.has(name) || isHidden(attribs)) {
        droppedDepth++;
        return;
      }
      const hint = attribs.id === undefined ? (attribs.class ?? '') : `${attribs.class ?? ''} ${attribs.id}`;
      const node: ElementNode = { tag: name, hint, parent: current, children: [] };
      current.children.push(node);
      current = node;
    },
    onclosetag(name) {
      flushText();
      if (name === 'title') inTitle = false;
      if (name === 'script' && inJsonLd) {
        head.jsonLd.push(jsonLd.take());
        inJsonLd = false;
      }
      if (droppedDepth > 0) droppedDepth--;
      else if (current.parent) current = current.parent;
    },
  });

  let complete = true;
  for (let offset = 0; offset < html.length; offset += PARSE_CHUNK) {
    if (offset > 0 && Date.now() > deadline) {
      complete = false;
      break;
    }
    parser.write(html.slice(offset, offset + PARSE_CHUNK));
  }
  parser.end();
  flushText();
  head.title = decodeHTML(title.take()).replace(/\s+/g, ' ').trim();
  return { root, head, complete };
}

function recordMeta(meta: Map<string, string>, attribs: KeptAttributes): void {
  const key = (attribs.property ?? attribs.name ?? attribs.itemprop ?? attribs['http-equiv'])?.toLowerCase();
  const value = attribs.content;
  if (key && value && !meta.has(key)) meta.set(key, value.trim());
}
