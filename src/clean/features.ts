import { isHanCodePoint } from '../text/han.js';
import { isWhitespaceCode } from '../text/whitespace.js';
import { CUE_SCREEN_TABLE } from './boilerplate.js';

/** Shape of one line, measured once and shared by every line rule. */
export interface LineFeatures {
  /** The line without surrounding whitespace. */
  text: string;
  /** Characters excluding whitespace (UTF-16 units; surrogate pairs count twice, which is harmless here). */
  chars: number;
  han: number;
  /** Clause and sentence punctuation inside the line (，。、；：！？ and ASCII , ; : ! ?). */
  punctuation: number;
  /** Ends a sentence with 。！？；!? (through closing quotes/brackets, a footnote mark, trailing emoji); an ellipsis does not count. */
  endsSentence: boolean;
  /** Ends with ？ or ！ (through closers): headlines do this, so it is weaker evidence than 。 */
  endsExclamation: boolean;
  /** Ends with `...`, `…` or `⋯`: a teaser or a cut-off excerpt, unless its neighbours say otherwise. */
  endsEllipsis: boolean;
  /** Ends with U+FFFD: text cut in the middle of a multi-byte character by a fixed-width teaser. */
  endsBroken: boolean;
  /** Starts like a list item: `1、`, `1.`, `(1)`, `①`, `一、`, `•`. */
  listMarker: boolean;
  /** cueScreenBits of the text, measured in the same pass as the counts. */
  cueBits: number;
}

const CLOSERS = new Set(['”', '’', '"', "'", '」', '』', '）', ')', '】', '》', ']', '〕']);
const SENTENCE_END = new Set(['。', '！', '？', '；', '!', '?', ';', '｡', '．']);
const PUNCTUATION_CODES = new Set([...'，。、；：！？,;:!?｡．'].map((char) => char.charCodeAt(0)));
const ELLIPSIS_END = /(?:\.\.\.|…|⋯|。。。)$/;
const LIST_MARKER = /^(?:\d{1,3}\s*[、.．)）]|[(（]\s*\d{1,3}\s*[)）]|[①-⑳]|[一二三四五六七八九十]{1,3}\s*[、.．]|[•·▪●○◆■□★☆-]\s*)/;
/** The characters ELLIPSIS_END and LIST_MARKER can end / start with: other lines skip the regex. */
const ELLIPSIS_LAST_CHARS = new Set([...'.…⋯。'].map((char) => char.charCodeAt(0)));
const LIST_MARKER_FIRST_CHARS = new Set([...'0123456789(（①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳一二三四五六七八九十•·▪●○◆■□★☆-'].map((char) => char.charCodeAt(0)));

const HAN_UNIT = 1;
const SPACE_UNIT = 2;
const PUNCTUATION_UNIT = 3;
const KIND_BITS = 2;

/**
 * Per UTF-16 unit: Han, whitespace, clause punctuation or other (0) in the low bits, the cue screen
 * bits above them, so one lookup per unit serves both.
 */
const UNIT_TABLE = (() => {
  const table = new Uint16Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    const kind = isHanCodePoint(code) ? HAN_UNIT : isWhitespaceCode(code) ? SPACE_UNIT : PUNCTUATION_CODES.has(code) ? PUNCTUATION_UNIT : 0;
    table[code] = kind | (CUE_SCREEN_TABLE[code] << KIND_BITS);
  }
  return table;
})();

/** Whitespace, Han and punctuation counts and the cue screen bits in one pass over the UTF-16 units. */
function counts(text: string): { spaces: number; han: number; punctuation: number; cueBits: number } {
  let spaces = 0;
  let han = 0;
  let punctuation = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const entry = UNIT_TABLE[text.charCodeAt(i)];
    bits |= entry;
    const kind = entry & ((1 << KIND_BITS) - 1);
    if (kind === HAN_UNIT) han++;
    else if (kind === SPACE_UNIT) spaces++;
    else if (kind === PUNCTUATION_UNIT) punctuation++;
  }
  return { spaces, han, punctuation, cueBits: bits >>> KIND_BITS };
}

/** A trailing footnote reference (`。[3]`, `。［12］`) does not change how a sentence ends. */
const FOOTNOTE_END = /[[［]\d{1,3}[\]］]$/;

/** Emoji and their modifiers at the end of a forum line (`强推！👍🏻`) do not either. */
function isEmojiUnit(code: number): boolean {
  return (code >= 0xd800 && code <= 0xdfff) || (code >= 0x2600 && code <= 0x27bf) || code === 0xfe0f || code === 0x200d;
}

function lastMeaningfulChar(text: string): string {
  const final = text.charCodeAt(text.length - 1);
  const footnote = final === 0x5d || final === 0xff3d ? FOOTNOTE_END.exec(text.slice(-5)) : null;
  let end = text.length - 1 - (footnote ? footnote[0].length : 0);
  while (end >= 0 && (CLOSERS.has(text[end]) || isEmojiUnit(text.charCodeAt(end)))) end--;
  return end >= 0 ? text[end] : '';
}

export function lineFeatures(raw: string): LineFeatures {
  const text = raw.trim();
  const last = lastMeaningfulChar(text);
  const endsEllipsis = ELLIPSIS_LAST_CHARS.has(text.charCodeAt(text.length - 1)) && ELLIPSIS_END.test(text.slice(-4));
  const endsPeriod = last === '.' && !endsEllipsis && /[^\d.]\.$/.test(text.slice(-2));
  const { spaces, han, punctuation, cueBits } = counts(text);
  return {
    text,
    chars: text.length - spaces,
    han,
    punctuation,
    endsSentence: !endsEllipsis && (SENTENCE_END.has(last) || endsPeriod),
    endsExclamation: last === '？' || last === '！' || last === '?' || last === '!',
    endsEllipsis,
    endsBroken: text.endsWith('\ufffd'),
    listMarker: LIST_MARKER_FIRST_CHARS.has(text.charCodeAt(0)) && LIST_MARKER.test(text),
    cueBits,
  };
}
