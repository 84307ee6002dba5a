import { decodeHTML, decodeHTMLAttribute } from 'entities/decode';
import { Parser, Tokenizer, type QuoteType } from 'htmlparser2';

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

const HIDDEN_STYLE = /display\s*:\s*none/i;

function isHidden(attribs: Record<string, string>): boolean {
  if ('hidden' in attribs) return true;
  const style = attribs.style;
  return style !== undefined && style.length < 500 && HIDDEN_STYLE.test(style);
}

/** The only attributes the extractor reads; the values of all others are never materialised. */
const KEPT_ATTRIBUTES = new Set([
  'class', 'id', 'style', 'hidden', 'type', 'datetime', 'name', 'property', 'itemprop', 'http-equiv', 'content',
]);
/** KEPT_ATTRIBUTES by length, so a name is compared in place with the few of its length, never sliced. */
const KEPT_BY_LENGTH: string[][] = [];
for (const name of KEPT_ATTRIBUTES) (KEPT_BY_LENGTH[name.length] ??= []).push(name);

/** Attribute names are ASCII; `| 0x20` lower-cases letters and leaves `-` (0x2d) as it is. */
function sameNameIgnoringCase(html: string, start: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) if ((html.charCodeAt(start + i) | 0x20) !== name.charCodeAt(i)) return false;
  return true;
}

function isKeptAttribute(html: string, start: number, end: number): boolean {
  const candidates = KEPT_BY_LENGTH[end - start];
  if (candidates === undefined) return false;
  for (const name of candidates) if (sameNameIgnoringCase(html, start, name)) return true;
  return false;
}

/** The tokenizer's scan position; TypeScript marks these private, but they are its documented state. */
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
 * htmlparser2's parser with unread attributes skipped: pages carry long `href`, `src`, `data-*`
 * and inline-JSON attributes, and storing them in every tag's attribute object costs more than
 * the tag itself. Tokenizer indices are absolute offsets into `html`, which is written in order.
 */
class SkimmingParser extends Parser {
  private skipping = false;

  constructor(
    private readonly html: string,
    handler: ConstructorParameters<typeof Parser>[0],
  ) {
    // Entities are decoded by the handler on whole text runs: the tokenizer's per-character entity
    // state machine cost about a quarter of parsing, and most text has no `&` at all.
    super(handler, { decodeEntities: false, Tokenizer: SkippingTokenizer });
  }

  override onattribname(start: number, endIndex: number): void {
    this.skipping = !isKeptAttribute(this.html, start, endIndex);
    if (!this.skipping) super.onattribname(start, endIndex);
  }

  override onattribdata(start: number, endIndex: number): void {
    if (!this.skipping) super.onattribdata(start, endIndex);
  }

  override onattribend(quote: QuoteType, endIndex: number): void {
    if (!this.skipping) super.onattribend(quote, endIndex);
    this.skipping = false;
  }
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Chunk size between time-budget checks while parsing. */
const PARSE_CHUNK = 256 * 1024;

/**
 * Parses HTML into a light tree with htmlparser2's tokenizer (its stack handles unclosed and
 * misnested tags). Building the tree through events keeps it iterative, so deep nesting cannot
 * overflow the call stack. `decodeRun` is given when `html` is a page's bytes one per character
 * (see `scannablePage`): text, title, JSON-LD and read attribute values are then decoded from it.
 */
export function parsePage(html: string, deadline = Infinity, decodeRun?: (run: string) => string): ParsedPage {
  /** Runs of a byte-scanned page that hold non-ASCII bytes are decoded before anything reads them. */
  const asText = decodeRun ? (run: string): string => (NON_ASCII.test(run) ? decodeRun(run) : run) : (run: string): string => run;
  const root: ElementNode = { tag: '#root', hint: '', parent: null, children: [] };
  const head: PageHead = { title: '', meta: new Map(), jsonLd: [], times: [] };
  let current = root;
  let inTitle = false;
  let jsonLdBuffer: string | null = null;
  let droppedDepth = 0;
  /** Raw text since the last tag: a run can arrive in pieces split anywhere, even inside `&amp;`. */
  let pendingText = '';
  const flushText = (): void => {
    if (pendingText === '') return;
    const text = asText(pendingText);
    current.children.push(text.includes('&') ? decodeHTML(text) : text);
    pendingText = '';
  };

  const parser = new SkimmingParser(
    html,
    {
      onopentag(name, attribs) {
        flushText();
        for (const key in attribs) {
          const value = asText(attribs[key]);
          attribs[key] = value.includes('&') ? decodeHTMLAttribute(value) : value;
        }
        if (name === 'title' && !head.title) inTitle = true;
        else if (name === 'meta') recordMeta(head.meta, attribs);
        else if (name === 'script' && attribs.type?.toLowerCase() === 'application/ld+json') jsonLdBuffer = '';
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
      ontext(text) {
        if (inTitle) head.title += text;
        else if (jsonLdBuffer !== null) jsonLdBuffer += text;
        else if (droppedDepth === 0) pendingText += text;
      },
      onclosetag(name) {
        flushText();
        if (name === 'title') inTitle = false;
        if (name === 'script' && jsonLdBuffer !== null) {
          head.jsonLd.push(asText(jsonLdBuffer));
          jsonLdBuffer = null;
        }
        if (droppedDepth > 0) droppedDepth--;
        else if (current.parent) current = current.parent;
      },
    },
  );

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
  head.title = decodeHTML(asText(head.title)).replace(/\s+/g, ' ').trim();
  return { root, head, complete };
}

function recordMeta(meta: Map<string, string>, attribs: Record<string, string>): void {
  const key = (attribs.property ?? attribs.name ?? attribs.itemprop ?? attribs['http-equiv'])?.toLowerCase();
  const value = attribs.content;
  if (key && value && !meta.has(key)) meta.set(key, value.trim());
}
