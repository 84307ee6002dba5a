/** Shape of one line, measured once and shared by every line rule. */
export interface LineFeatures {
  /** The line without surrounding whitespace. */
  text: string;
  /** Characters excluding whitespace (UTF-16 units; surrogate pairs count twice, which is harmless here). */
  chars: number;
  han: number;
  /** Clause and sentence punctuation inside the line (，。、；：！？ and ASCII , ; : ! ?). */
  punctuation: number;
  /** Ends a sentence with 。！？；!? (through closing quotes and brackets); an ellipsis does not count. */
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
const PUNCTUATION = /[，。、；：！？,;:!?｡．]/g;
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
const WHITESPACE = /\s/g;
const ELLIPSIS_END = /(?:\.\.\.|…|⋯|。。。)$/;
const LIST_MARKER = /^(?:\d{1,3}\s*[、.．)）]|[(（]\s*\d{1,3}\s*[)）]|[①-⑳]|[一二三四五六七八九十]{1,3}\s*[、.．]|[•·▪●○◆■□★☆-]\s*)/;

function count(text: string, pattern: RegExp): number {
  let total = 0;
  pattern.lastIndex = 0;
  while (pattern.exec(text)) total++;
  return total;
}

function lastMeaningfulChar(text: string): string {
  let end = text.length - 1;
  while (end >= 0 && CLOSERS.has(text[end])) end--;
  return end >= 0 ? text[end] : '';
}

export function lineFeatures(raw: string): LineFeatures {
  const text = raw.trim();
  const last = lastMeaningfulChar(text);
  const endsEllipsis = ELLIPSIS_END.test(text.slice(-4));
  const endsPeriod = last === '.' && !endsEllipsis && /[^\d.]\.$/.test(text.slice(-2));
  return {
    text,
    chars: text.length - count(text, WHITESPACE),
    han: count(text, HAN),
    punctuation: count(text, PUNCTUATION),
    endsSentence: !endsEllipsis && (SENTENCE_END.has(last) || endsPeriod),
    endsExclamation: last === '？' || last === '！' || last === '?' || last === '!',
    endsEllipsis,
    endsBroken: text.endsWith('\ufffd'),
    listMarker: LIST_MARKER.test(text),
  };
}
