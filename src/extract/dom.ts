import { Parser } from 'htmlparser2';

/** A light element node: only what main-content scoring needs. */
export interface ElementNode {
  tag: string;
  /** `class` and `id` joined by a space, for boilerplate/content hints. */
  hint: string;
  parent: ElementNode | null;
  children: Array<ElementNode | string>;
  /** Dropped elements (scripts, forms, hidden nodes) are parsed but never attached to the tree. */
  dropped: boolean;
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

/** Chunk size between time-budget checks while parsing. */
const PARSE_CHUNK = 256 * 1024;

/**
 * Parses HTML into a light tree with htmlparser2's tokenizer (its stack handles unclosed and
 * misnested tags). Building the tree through events keeps it iterative, so deep nesting cannot
 * overflow the call stack.
 */
export function parsePage(html: string, deadline = Infinity): ParsedPage {
  const root: ElementNode = { tag: '#root', hint: '', parent: null, children: [], dropped: false };
  const head: PageHead = { title: '', meta: new Map(), jsonLd: [], times: [] };
  let current = root;
  let inTitle = false;
  let jsonLdBuffer: string | null = null;

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const dropped = current.dropped || DROPPED_TAGS.has(name) || isHidden(attribs);
        const hint = `${attribs.class ?? ''} ${attribs.id ?? ''}`;
        const node: ElementNode = { tag: name, hint, parent: current, children: [], dropped };
        if (!dropped) current.children.push(node);
        current = node;
        if (name === 'title' && !head.title) inTitle = true;
        else if (name === 'meta') recordMeta(head.meta, attribs);
        else if (name === 'script' && attribs.type?.toLowerCase() === 'application/ld+json') jsonLdBuffer = '';
        else if (name === 'time' && attribs.datetime) head.times.push(attribs.datetime);
      },
      ontext(text) {
        if (inTitle) head.title += text;
        else if (jsonLdBuffer !== null) jsonLdBuffer += text;
        else if (!current.dropped) current.children.push(text);
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (name === 'script' && jsonLdBuffer !== null) {
          head.jsonLd.push(jsonLdBuffer);
          jsonLdBuffer = null;
        }
        if (current.parent) current = current.parent;
      },
    },
    { decodeEntities: true },
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
  head.title = head.title.replace(/\s+/g, ' ').trim();
  return { root, head, complete };
}

function recordMeta(meta: Map<string, string>, attribs: Record<string, string>): void {
  const key = (attribs.property ?? attribs.name ?? attribs.itemprop ?? attribs['http-equiv'])?.toLowerCase();
  const value = attribs.content;
  if (key && value && !meta.has(key)) meta.set(key, value.trim());
}
