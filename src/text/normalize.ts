import iconv from 'iconv-lite';

/** What normalisation changed and what it found in one text. */
export interface NormalizeResult {
  text: string;
  /** UTF-16 length difference plus rewritten characters, an estimate of how much changed. */
  changedChars: number;
  /** Characters inside detected mojibake runs (UTF-8 read as Latin-1/cp1252 or GBK). */
  mojibakeChars: number;
  /** U+FFFD replacement characters (including those that replaced lone surrogates). */
  replacementChars: number;
  /** Lone UTF-16 surrogates replaced by U+FFFD. */
  loneSurrogates: number;
}

export interface NormalizeOptions {
  /** Fold U+FF10–FF19, FF21–FF3A, FF41–FF5A and U+3000 to ASCII (CJK punctuation is kept). */
  foldFullWidth: boolean;
  stripInvisible: boolean;
  whitespace: boolean;
}

export const DEFAULT_NORMALIZE_OPTIONS: NormalizeOptions = { foldFullWidth: true, stripInvisible: true, whitespace: true };

/**
 * Only texts that contain something to fix are rebuilt: a character of this class (C0/C1 controls
 * except \t \n, CR, soft hyphen, zero-width and bidi marks, BOM, full-width alphanumerics, the
 * ideographic space), double spaces/tabs, blanks around a line break or at either end, runs of
 * blank lines. scanText checks all of it in its one pass.
 */
const NEEDS_WORK_CHAR =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000]/;
const FULL_WIDTH_ALNUM = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000]/g;
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const ZWJ = /\u200d/g;
const PICTOGRAPH = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\ufe0f]/u;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ANY_SURROGATE = /[\ud800-\udfff]/;

/** UTF-8 read as Latin-1/cp1252: a lead byte (0xC2/0xC3 for accented Latin, 0xE3–0xE9 for CJK) then continuation bytes. */
const LATIN1_MOJIBAKE = /[\u00c2\u00c3\u00e3-\u00e9][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,2}/g;
const LATIN1_LEAD = /[\u00c2\u00c3\u00e3-\u00e9]/;
/** Shorter Han runs are too short to tell mojibake from rare characters. */
const MIN_HAN_RUN = 6;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

const HAN = 1;
const GBK_SUSPECT = 2;
const REPLACEMENT_UNIT = 4;
const LATIN1_LEAD_UNIT = 8;
const NEEDS_WORK_UNIT = 16;
const SPACE_OR_TAB = 32;
const NEWLINE = 64;
let charTable: Uint8Array | undefined;

/**
 * Per UTF-16 unit: HAN for CJK ideographs, plus GBK_SUSPECT for the characters whose GBK code starts
 * with 0xE4–0xE9 (the lead bytes of UTF-8 encoded CJK). UTF-8 text decoded as GBK is dense in
 * suspects; ordinary Chinese text is not (they are rare level-2 hanzi). The other flags mark what
 * scanText counts or looks for in the same pass.
 */
function charFlags(): Uint8Array {
  if (!charTable) {
    const table = new Uint8Array(0x10000);
    for (const [from, to] of [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]]) table.fill(HAN, from, to + 1);
    for (let code = 0; code < 0x10000; code++) {
      if (NEEDS_WORK_CHAR.test(String.fromCharCode(code))) table[code] |= NEEDS_WORK_UNIT;
      if (LATIN1_LEAD.test(String.fromCharCode(code))) table[code] |= LATIN1_LEAD_UNIT;
    }
    table[0xfffd] |= REPLACEMENT_UNIT;
    table[0x20] |= SPACE_OR_TAB;
    table[0x09] |= SPACE_OR_TAB;
    table[0x0a] |= NEWLINE;
    for (let lead = 0xe4; lead <= 0xe9; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = iconv.decode(Buffer.from([lead, trail]), 'gbk');
        if (char.length === 1 && char !== '\ufffd') table[char.charCodeAt(0)] |= GBK_SUSPECT;
      }
    }
    charTable = table;
  }
  return charTable;
}

/** Whether a Han run (a quarter or more suspect characters) is UTF-8 decoded as GBK: re-encoding it gives valid UTF-8 CJK text. */
function isGbkMojibake(run: string): boolean {
  const bytes = iconv.encode(run, 'gbk');
  // The run may start in the middle of a UTF-8 sequence: try the three alignments.
  for (let skip = 0; skip < 3; skip++) {
    const usable = bytes.length - skip - ((bytes.length - skip) % 3);
    try {
      const decoded = UTF8.decode(bytes.subarray(skip, skip + usable));
      if (/[\u4e00-\u9fff]/.test(decoded)) return true;
    } catch {
      continue;
    }
  }
  return false;
}

function countMatches(text: string, pattern: RegExp, measure: (match: string) => boolean | number = () => true): number {
  let total = 0;
  for (const match of text.matchAll(pattern)) {
    const verdict = measure(match[0]);
    if (verdict === true) total += match[0].length;
    else if (typeof verdict === 'number') total += verdict;
  }
  return total;
}

interface TextScan {
  /** Whether the text has anything the NEEDS_WORK rules fix. */
  needsWork: boolean;
  /** Characters in Han runs (of at least MIN_HAN_RUN) that are UTF-8 decoded as GBK. */
  gbkMojibake: number;
  replacements: number;
  /** Whether a Latin-1 mojibake lead character occurs (LATIN1_MOJIBAKE is only run then). */
  latin1Lead: boolean;
}

/**
 * One pass over the text with a table lookup per character: the NEEDS_WORK check, U+FFFD count,
 * Latin-1 lead characters and GBK mojibake, where only Han runs dense in suspect characters are re-encoded.
 */
function scanText(text: string): TextScan {
  const flags = charFlags();
  let gbkMojibake = 0;
  let start = -1;
  let suspects = 0;
  let replacements = 0;
  let latin1Lead = false;
  let needsWork = false;
  let previous = 0;
  let newlines = 0;
  const last = text.length - 1;
  for (let i = 0; i <= text.length; i++) {
    const flag = i < text.length ? flags[text.charCodeAt(i)] : 0;
    if (flag & HAN) {
      if (start < 0) start = i;
      if (flag & GBK_SUSPECT) suspects++;
      previous = flag;
      newlines = 0;
      continue;
    }
    if (flag !== 0) {
      if (flag & NEEDS_WORK_UNIT) needsWork = true;
      // `[ \t][ \t\n]`, `\n[ \t]`, `^[ \t]`, `[ \t]$`, `\n\n\n\n`
      if (flag & SPACE_OR_TAB && (i === 0 || i === last || previous & (SPACE_OR_TAB | NEWLINE))) needsWork = true;
      if (flag & NEWLINE) {
        newlines++;
        if (newlines >= 4 || previous & SPACE_OR_TAB) needsWork = true;
      }
      if (flag & REPLACEMENT_UNIT) replacements++;
      if (flag & LATIN1_LEAD_UNIT) latin1Lead = true;
    }
    if (!(flag & NEWLINE)) newlines = 0;
    previous = flag;
    if (start < 0) continue;
    const length = i - start;
    if (length >= MIN_HAN_RUN && suspects * 4 >= length && isGbkMojibake(text.slice(start, i))) gbkMojibake += length;
    start = -1;
    suspects = 0;
  }
  return { needsWork, gbkMojibake, replacements, latin1Lead };
}

function scannedMojibakeChars(text: string, scan: TextScan): number {
  const latin = scan.latin1Lead ? countMatches(text, LATIN1_MOJIBAKE) : 0;
  return latin + scan.gbkMojibake;
}

/** Characters inside mojibake runs of either kind. */
export function mojibakeChars(text: string): number {
  return scannedMojibakeChars(text, scanText(text));
}

function keepZwjInEmoji(text: string): string {
  return text.replace(ZWJ, (zwj, offset: number) => {
    const before = text.codePointAt(offset - 1 >= 0 && /[\udc00-\udfff]/.test(text[offset - 1]) ? offset - 2 : offset - 1);
    const after = text.codePointAt(offset + 1);
    const isEmoji = (point: number | undefined) => point !== undefined && PICTOGRAPH.test(String.fromCodePoint(point));
    return isEmoji(before) && isEmoji(after) ? zwj : '';
  });
}

function normalizeWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/[ \t]?\n[ \t]?/g, '\n')
    .replace(/\n{4,}/g, '\n\n\n')
    .trim();
}

/**
 * NFC, then a narrow fold (full-width letters/digits and the ideographic space only: NFKC would also
 * turn `，` into `,`), invisible characters out, whitespace tidied. Returns the input string itself
 * when nothing changes, so the common clean case allocates nothing.
 */
export function normalizeText(input: string, options: NormalizeOptions = DEFAULT_NORMALIZE_OPTIONS): NormalizeResult {
  let text = input;
  let loneSurrogates = 0;
  if (ANY_SURROGATE.test(text)) {
    loneSurrogates = countMatches(text, LONE_SURROGATE);
    if (loneSurrogates > 0) text = text.replace(LONE_SURROGATE, '\ufffd');
  }
  const composed = text.normalize('NFC');
  let changedChars = loneSurrogates + (composed === text ? 0 : Math.max(1, Math.abs(text.length - composed.length)));
  text = composed;
  let scan = scanText(text);
  if (scan.needsWork) {
    if (options.foldFullWidth) {
      text = text.replace(FULL_WIDTH_ALNUM, (char) => {
        changedChars++;
        return char === '\u3000' ? ' ' : String.fromCharCode(char.charCodeAt(0) - 0xfee0);
      });
    }
    if (options.stripInvisible) {
      const before = text.length;
      text = text.replace(INVISIBLE, '');
      if (text.includes('\u200d')) text = keepZwjInEmoji(text);
      changedChars += before - text.length;
    }
    if (options.whitespace) {
      const before = text.length;
      text = normalizeWhitespace(text);
      changedChars += before - text.length;
    }
    scan = scanText(text);
  }
  return {
    text,
    changedChars,
    mojibakeChars: scannedMojibakeChars(text, scan),
    replacementChars: scan.replacements,
    loneSurrogates,
  };
}
