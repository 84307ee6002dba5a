import type { Measure } from '../core/document.js';
import { isBoilerplateLine, templateLines } from './boilerplate.js';
import { decodeBytes, decodedPage, detectCharset, scannablePage, type CharsetSource, type ScannablePage } from './charset.js';
import { chooseContent, layoutPage } from './content.js';
import { parsePage } from './dom.js';
import { pageTitle, publishedDate } from './metadata.js';

export interface PageInput {
  /** Raw body bytes (WARC payload, .html file). */
  bytes?: Uint8Array;
  /** Already decoded HTML (JSONL `html` field). */
  html?: string;
  contentType?: string;
}

export interface ExtractLimits {
  /** Pages larger than this are parsed up to the limit only. */
  maxBytes: number;
  /** Parsing stops at the next chunk boundary once this much time has passed. */
  timeBudgetMs: number;
  /** Prepend the page title when the content does not start with it. */
  titleInText: boolean;
}

export interface Extracted {
  ok: true;
  text: string;
  /** The decoded HTML, for `keep_html`; decoded only when asked for. */
  decodedHtml: () => string;
  title?: string;
  published?: string;
  charset: string;
  charsetSource: CharsetSource;
  declaredCharset?: string;
  confidence: number;
  /** Budget overruns that shortened the page: `too_large`, `time_budget`. */
  truncated: Array<{ rule: string; value: Measure; threshold: Measure }>;
  boilerplateLines: number;
}

export interface Rejected {
  ok: false;
  rule: string;
  value: Measure;
  threshold: Measure;
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml', 'application/xml', 'text/xml']);

/** `non_html` rejection for a declared content type that is not HTML. */
export function checkContentType(contentType: string | undefined): Rejected | undefined {
  if (!contentType) return undefined;
  const mime = contentType.split(';')[0].trim().toLowerCase();
  if (mime === '' || HTML_TYPES.has(mime)) return undefined;
  return { ok: false, rule: 'non_html', value: mime, threshold: 'text/html' };
}

const MAGIC: Array<[string, number[]]> = [
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['pdf', [0x25, 0x50, 0x44, 0x46]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip', [0x1f, 0x8b]],
  ['webp', [0x52, 0x49, 0x46, 0x46]],
];

/** Share of control bytes (NUL and C0 other than tab/newline/CR/FF/ESC) above which a body is binary. */
const CONTROL_RATIO = 0.02;
const BINARY_SAMPLE = 8192;

/** Detects binary payloads served as text/html: file signatures or many control bytes. */
export function binaryReason(bytes: Uint8Array): Rejected | undefined {
  for (const [name, signature] of MAGIC) {
    if (signature.every((byte, i) => bytes[i] === byte)) return { ok: false, rule: 'binary', value: name, threshold: 'html' };
  }
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16) return undefined;
  const length = Math.min(bytes.length, BINARY_SAMPLE);
  let controls = 0;
  for (let i = 0; i < length; i++) {
    const byte = bytes[i];
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) controls++;
  }
  const ratio = length > 0 ? controls / length : 0;
  if (ratio > CONTROL_RATIO) return { ok: false, rule: 'binary', value: round(ratio), threshold: CONTROL_RATIO };
  return undefined;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function isBlank(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
  }
  return true;
}

function normalizedTitle(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Lines at the top of the content that may be the page's headline. */
const TITLE_SEARCH_LINES = 3;

/** The text starts after the headline; `title_in_text` puts the title back in a known place. */
function withoutTitleLine(lines: string[], title: string | undefined): string[] {
  if (!title) return lines;
  const wanted = normalizedTitle(title);
  const at = lines.slice(0, TITLE_SEARCH_LINES).findIndex((line) => normalizedTitle(line) === wanted);
  return at < 0 ? lines : [...lines.slice(0, at), ...lines.slice(at + 1)];
}

/** Decodes, parses and extracts one page; never throws on malformed input. */
export function extractPage(input: PageInput, limits: ExtractLimits): Extracted | Rejected {
  const start = Date.now();
  const notHtml = checkContentType(input.contentType);
  if (notHtml) return notHtml;
  const truncated: Extracted['truncated'] = [];

  let scannable: ScannablePage;
  let decodedHtml: () => string;
  let charset = 'utf-8';
  let charsetSource: CharsetSource = 'string';
  let declaredCharset: string | undefined;
  let charsetConfidence = 1;
  if (input.bytes) {
    let bytes = input.bytes;
    if (isBlank(bytes)) return { ok: false, rule: 'empty', value: bytes.length, threshold: 1 };
    const binary = binaryReason(bytes);
    if (binary) return binary;
    if (bytes.length > limits.maxBytes) {
      truncated.push({ rule: 'too_large', value: bytes.length, threshold: limits.maxBytes });
      bytes = bytes.subarray(0, limits.maxBytes);
    }
    const decision = detectCharset(bytes, input.contentType);
    scannable = scannablePage(bytes, decision);
    decodedHtml = () => decodeBytes(bytes, decision);
    charset = decision.charset;
    charsetSource = decision.source;
    declaredCharset = decision.declared;
    charsetConfidence = decision.confidence;
  } else {
    let html = input.html ?? '';
    if (html.trim() === '') return { ok: false, rule: 'empty', value: html.length, threshold: 1 };
    if (html.length > limits.maxBytes) {
      truncated.push({ rule: 'too_large', value: html.length, threshold: limits.maxBytes });
      html = html.slice(0, limits.maxBytes);
    }
    scannable = decodedPage(html);
    decodedHtml = () => html;
  }

  const page = parsePage(scannable, start + limits.timeBudgetMs);
  if (!page.complete) truncated.push({ rule: 'time_budget', value: Date.now() - start, threshold: limits.timeBudgetMs });
  const layout = layoutPage(page.root);
  const choice = chooseContent(layout);
  const title = pageTitle(page.head, layout);
  const published = publishedDate(page.head, layout, choice.roots[0]);

  const lines = choice.text.split('\n');
  const template = templateLines(lines);
  const cleaned = lines.filter((line) => !template.has(line) && !isBoilerplateLine(line));
  const body = withoutTitleLine(cleaned, title);
  let kept: string[];
  if (limits.titleInText && title && body.length > 0) kept = [title, ...body];
  // A thread's topic line heads its posts; an article's headline is page furniture above its text.
  else kept = choice.roots.length > 1 ? cleaned : body;
  const text = kept.join('\n');
  if (text.trim() === '') return { ok: false, rule: 'no_content', value: 0, threshold: 1 };

  const contentConfidence = (0.2 + 0.8 * choice.share) * (1 - choice.linkDensity) * Math.min(1, 0.4 + text.length / 500);
  return {
    ok: true,
    text,
    decodedHtml,
    ...(title ? { title } : {}),
    ...(published ? { published } : {}),
    charset,
    charsetSource,
    ...(declaredCharset ? { declaredCharset } : {}),
    confidence: round(Math.max(0, Math.min(1, contentConfidence * charsetConfidence))),
    truncated,
    boilerplateLines: lines.length - cleaned.length,
  };
}
