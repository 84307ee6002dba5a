import { isHanCodePoint } from '../text/han.js';

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
}

const CLOSERS = new Set(['”', '’', '"', "'", '」', '』', '）', ')', '】', '》', ']', '〕']);
const SENTENCE_END = new Set(['。', '！', '？', '；', '!', '?', ';', '｡', '．']);
const PUNCTUATION_CODES = new Set([...'，。、；：！？,;:!?｡．'].map((char) => char.charCodeAt(0)));
const ELLIPSIS_END = /(?:\.\.\.|…|⋯|。。。)$/;
const LIST_MARKER = /^(?:\d{1,3}\s*[、.．)）]|[(（]\s*\d{1,3}\s*[)）]|[①-⑳]|[一二三四五六七八九十]{1,3}\s*[、.．]|[•·▪●○◆■□★☆-]\s*)/;


function isSpaceCode(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x3000 || code === 0xa0 || code === 0x0b || code === 0x0c || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0xfeff || code === 0x1680;
}

/** Whitespace, Han and punctuation counts in one pass over the UTF-16 units. */
function counts(text: string): { spaces: number; han: number; punctuation: number } {
  let spaces = 0;
  let han = 0;
  let punctuation = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isHanCodePoint(code)) han++;
    else if (isSpaceCode(code)) spaces++;
    else if (PUNCTUATION_CODES.has(code)) punctuation++;
  }
  return { spaces, han, punctuation };
}

/** A trailing footnote reference (`。[3]`, `。［12］`) does not change how a sentence ends. */
const FOOTNOTE_END = /[[［]\d{1,3}[\]］]$/;

/** Emoji and their modifiers at the end of a forum line (`强推！👍🏻`) do not either. */
function isEmojiUnit(code: number): boolean {
  return (code >= 0xd800 && code <= 0xdfff) || (code >= 0x2600 && code <= 0x27bf) || code === 0xfe0f || code === 0x200d;
}

function lastMeaningfulChar(text: string): string {
  const footnote = FOOTNOTE_END.exec(text.slice(-5));
  let end = text.length - 1 - (footnote ? footnote[0].length : 0);
  while (end >= 0 && (CLOSERS.has(text[end]) || isEmojiUnit(text.charCodeAt(end)))) end--;
  return end >= 0 ? text[end] : '';
}

export function lineFeatures(raw: string): LineFeatures {
  const text = raw.trim();
  const last = lastMeaningfulChar(text);
  const endsEllipsis = ELLIPSIS_END.test(text.slice(-4));
  const endsPeriod = last === '.' && !endsEllipsis && /[^\d.]\.$/.test(text.slice(-2));
  const { spaces, han, punctuation } = counts(text);
  return {
    text,
    chars: text.length - spaces,
    han,
    punctuation,
    endsSentence: !endsEllipsis && (SENTENCE_END.has(last) || endsPeriod),
    endsExclamation: last === '？' || last === '！' || last === '?' || last === '!',
    endsEllipsis,
    endsBroken: text.endsWith('\ufffd'),
    listMarker: LIST_MARKER.test(text),
  };
}
