import {
  areaCodeLength,
  classifyIPv4,
  classifyIPv6,
  isCompactLandline,
  isCreditCode,
  isEmailAddress,
  isMobileNumber,
  isQqNumber,
  isResidentId15,
  isResidentId18,
  isSubscriberNumber,
  isWechatId,
  parseIPv4,
  parseIPv6,
  validBankCard,
} from './validators.js';

export const PII_RULES = [
  'id_card',
  'phone',
  'bank_card',
  'email',
  'ip',
  'qq',
  'wechat',
  'credit_code',
  'passport',
  'license_plate',
] as const;
export type PiiRule = (typeof PII_RULES)[number];

/** A detected identifier; offsets are UTF-16 indices into the scanned text. */
export interface PiiHit {
  start: number;
  end: number;
  rule: PiiRule;
  /** What the validator established (never the identifier itself). */
  evidence: string;
  /** Normalised form used only to compare with the allow list. */
  canonical: string;
}

export interface ScanOptions {
  detectors: ReadonlySet<PiiRule>;
  /** Keep private, loopback, link-local, documentation and reserved IP addresses. */
  keepReservedIps: boolean;
  /** Upper bound for birth dates, YYYYMMDD. */
  today: number;
  /** True when the hit is an allowed (public) identifier that must be kept. */
  isAllowed(rule: PiiRule, canonical: string): boolean;
}

const SPACE = 1;
const DASH = 2;
const PAREN = 3;

/** A run of digits inside a number token; `end` includes a trailing X of a resident ID. */
interface Group {
  start: number;
  end: number;
  digits: string;
  /** How this group is joined to the previous one (0 for the first group). */
  sep: number;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** ASCII letters, digits and `_`: characters that glue a number into a larger token. */
function isWordChar(c: number): boolean {
  return isDigit(c) || isLetter(c) || c === 95;
}

function isHexOrColonOrDot(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) || c === 58 || c === 46;
}

function isEmailLocalChar(c: number): boolean {
  return isWordChar(c) || c === 46 || c === 37 || c === 43 || c === 45;
}

function isDomainChar(c: number): boolean {
  return isDigit(c) || isLetter(c) || c === 46 || c === 45;
}

function isSpaceSeparator(c: number): boolean {
  return c === 32 || c === 160;
}

function isDashSeparator(c: number): boolean {
  return c === 45 || (c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xff0d;
}

function isOpenParen(c: number): boolean {
  return c === 40 || c === 0xff08;
}

function isCloseParen(c: number): boolean {
  return c === 41 || c === 0xff09;
}

/**
 * Labels after which a number is a record, order or catalogue number, not a personal identifier
 * (unless the label itself names one: 身份证编号, 手机号码 …).
 */
const NON_PERSONAL_LABEL =
  /(?<!身份证|证件|手机|电话|卡)(?:订单|单号|编号|流水号|交易号|序列号|序号|批号|批次|条码|条形码|型号|货号|备案|专利|案号|文号|证书|发票|合同|快递|运单|物流|工单|ISBN|ISSN|EAN|SKU|版本|[Vv]ersion)[号码]{0,2}[\s:：#№=为是]{0,4}$/;

const LABEL_SENSITIVE: ReadonlySet<PiiRule> = new Set(['id_card', 'phone', 'bank_card', 'ip']);

function hasNonPersonalLabel(text: string, start: number): boolean {
  return NON_PERSONAL_LABEL.test(text.slice(Math.max(0, start - 12), start));
}

/** Full-width ASCII forms (U+FF01–FF5E) folded to ASCII: same UTF-16 length, so offsets carry over. */
function foldFullWidth(text: string): string {
  if (!/[\uFF10-\uFF19\uFF20]/.test(text)) return text;
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

const URL_PATTERN = /(?:https?:\/\/|ftp:\/\/|www\.)[!#-;=?-~]*/g;

/** [start, end) ranges of URLs, whose numbers (paths, query strings, hosts) are not personal. */
function findUrlRanges(text: string): number[] {
  if (!text.includes('://') && !text.includes('www.')) return [];
  const ranges: number[] = [];
  for (const match of text.matchAll(URL_PATTERN)) ranges.push(match.index, match.index + match[0].length);
  return ranges;
}

class Scanner {
  readonly hits: PiiHit[] = [];
  private lastEnd = 0;

  constructor(
    readonly text: string,
    readonly options: ScanOptions,
  ) {}

  private code(i: number): number {
    return i >= 0 && i < this.text.length ? this.text.charCodeAt(i) : 0;
  }

  emit(start: number, end: number, rule: PiiRule, evidence: string, canonical: string): void {
    if (!this.options.detectors.has(rule) || this.options.isAllowed(rule, canonical)) return;
    if (LABEL_SENSITIVE.has(rule) && hasNonPersonalLabel(this.text, start)) return;
    this.hits.push({ start, end, rule, evidence, canonical });
    if (end > this.lastEnd) this.lastEnd = end;
  }

  /** One pass over the text: digit runs, `@` and `:` are the only places a detector starts. */
  scan(): void {
    const text = this.text;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c <= 57 && c >= 48) i = this.scanNumber(i);
      else if (c === 64) i = this.scanEmail(i);
      else if (c === 58) i = this.scanIPv6(i);
      else i++;
    }
  }

  private skipWord(i: number): number {
    while (isWordChar(this.code(i))) i++;
    return i;
  }

  private scanNumber(i: number): number {
    const prev = this.code(i - 1);
    if (isLetter(prev) || prev === 95) return this.skipWord(i);
    let end = i;
    let firstDot = -1;
    for (let c = this.code(end); isDigit(c) || c === 46; c = this.code(++end)) if (c === 46 && firstDot < 0) firstDot = end;
    let trimmed = end;
    while (this.code(trimmed - 1) === 46) trimmed--;
    if (prev === 46 || (firstDot >= 0 && firstDot < trimmed)) {
      // A dotted run: an IPv4 address, or a decimal, date or version that no other detector wants.
      if (prev !== 46 && !isWordChar(this.code(end)) && this.code(end) !== 64) this.tryIPv4(i, trimmed);
      return isWordChar(this.code(end)) ? this.skipWord(end) : end;
    }
    return this.scanDigitToken(i);
  }

  private tryIPv4(start: number, end: number): void {
    const octets = parseIPv4(this.text.slice(start, end));
    if (!octets) return;
    const kind = classifyIPv4(octets);
    if (kind !== 'public' && this.options.keepReservedIps) return;
    this.emit(start, end, 'ip', `ipv4:${kind}`, this.text.slice(start, end));
  }

  /** Reads digit groups joined by spaces, dashes or a closing parenthesis, then matches patterns on them. */
  private scanDigitToken(i: number): number {
    const text = this.text;
    const groups: Group[] = [];
    let pos = i;
    let sep = 0;
    for (;;) {
      let end = pos;
      while (isDigit(this.code(end))) end++;
      const digits = text.slice(pos, end);
      const next = this.code(end);
      if ((next === 88 || next === 120) && !isWordChar(this.code(end + 1))) end++;
      groups.push({ start: pos, end, digits, sep });
      const joined = this.readSeparator(end, isOpenParen(this.code(pos - 1)) || (this.code(pos - 1) === 43 && isOpenParen(this.code(pos - 2))));
      if (joined === null) break;
      pos = joined.next;
      sep = joined.kind;
    }
    this.matchGroups(groups);
    return groups[groups.length - 1].end;
  }

  /** A separator of 1–3 characters followed by a digit, or null. */
  private readSeparator(at: number, opened: boolean): { next: number; kind: number } | null {
    let kind = 0;
    let k = at;
    while (k < at + 3) {
      const c = this.code(k);
      if (isSpaceSeparator(c)) kind = Math.max(kind, SPACE);
      else if (isDashSeparator(c)) kind = Math.max(kind, DASH);
      else if (opened && k === at && isCloseParen(c)) kind = PAREN;
      else break;
      k++;
    }
    return kind !== 0 && isDigit(this.code(k)) ? { next: k, kind } : null;
  }

  private leftOpen(groups: Group[], g: number): boolean {
    if (g > 0) return groups[g].sep !== DASH;
    const prev = this.code(groups[0].start - 1);
    if (prev === 45 || prev === 0x2010) return !isWordChar(this.code(groups[0].start - 2));
    return true;
  }

  private rightOpen(groups: Group[], h: number): boolean {
    if (h < groups.length - 1) return groups[h + 1].sep !== DASH;
    const end = groups[h].end;
    const next = this.code(end);
    if (isWordChar(next) || next === 64) return false;
    return !(next === 46 && isDigit(this.code(end + 1)));
  }

  /** Groups g..h joined by one separator kind, and not continued by another group joined the same way. */
  private isolated(groups: Group[], g: number, h: number): boolean {
    const kind = h > g ? groups[g + 1].sep : DASH;
    for (let k = g + 2; k <= h; k++) if (groups[k].sep !== kind) return false;
    // A neighbour joined by a dash, or by the match's own separator, makes it part of a longer number.
    if (g > 0 ? groups[g].sep === kind || groups[g].sep === DASH : !this.leftOpen(groups, 0)) return false;
    if (h < groups.length - 1) return groups[h + 1].sep !== kind && groups[h + 1].sep !== DASH;
    return this.rightOpen(groups, h);
  }

  private matchGroups(groups: Group[]): void {
    // Most numbers in prose are short and alone (years, counts, prices): no pattern can start there.
    if (groups.length === 1 && groups[0].end - groups[0].start < 11) return;
    let g = 0;
    while (g < groups.length) {
      const h = this.matchAt(groups, g);
      g = h >= g ? h + 1 : g + 1;
    }
  }

  /** Tries every numeric pattern starting at group g; returns the last group consumed, or -1. */
  private matchAt(groups: Group[], g: number): number {
    if (groups[g].digits.length < 2) return -1;
    return this.matchResidentId(groups, g)
      ?? this.matchCountryCodePhone(groups, g)
      ?? this.matchMobile(groups, g)
      ?? this.matchLandline(groups, g)
      ?? this.matchBankCard(groups, g)
      ?? -1;
  }

  private span(groups: Group[], g: number, h: number): string {
    let joined = '';
    for (let k = g; k <= h; k++) joined += this.text.slice(groups[k].start, groups[k].end);
    return joined;
  }

  private hasX(group: Group): boolean {
    return group.end > group.start + group.digits.length;
  }

  private matchResidentId(groups: Group[], g: number): number | null {
    const group = groups[g];
    const length = group.end - group.start;
    if ((length === 18 || length === 15) && this.isolated(groups, g, g)) {
      const id = this.span(groups, g, g);
      // A Luhn-valid Amex number is more likely than a checksum-less legacy ID with the same digits.
      const valid = length === 18
        ? isResidentId18(id, this.options.today)
        : !this.hasX(group) && isResidentId15(id, this.options.today) && !validBankCard(id);
      if (valid) {
        this.emit(group.start, group.end, 'id_card', length === 18 ? 'gb11643:18' : 'gb11643:15', id.toUpperCase());
        return g;
      }
    }
    const third = groups[g + 2];
    const spaced = third !== undefined && group.end - group.start === 6 && groups[g + 1].end - groups[g + 1].start === 8 && third.end - third.start === 4;
    if (spaced && !this.hasX(groups[g + 1]) && this.isolated(groups, g, g + 2)) {
      const id = this.span(groups, g, g + 2);
      if (isResidentId18(id, this.options.today)) {
        this.emit(group.start, third.end, 'id_card', 'gb11643:18', id.toUpperCase());
        return g + 2;
      }
    }
    return null;
  }

  /** Mobile as one 11-digit run or 3-4-4 groups starting at g; returns the last group or -1. */
  private mobileAt(groups: Group[], g: number): number {
    const group = groups[g];
    if (this.hasX(group)) return -1;
    if (group.digits.length === 11) return isMobileNumber(group.digits) ? g : -1;
    if (group.digits.length === 3 && g + 2 < groups.length) {
      const a = groups[g + 1];
      const b = groups[g + 2];
      if (a.sep === b.sep && a.sep !== PAREN && a.digits.length === 4 && b.digits.length === 4 && !this.hasX(b)) {
        return isMobileNumber(group.digits + a.digits + b.digits) ? g + 2 : -1;
      }
    }
    return -1;
  }

  /** Start of the match including a `+` and an opening parenthesis before the first group. */
  private prefixStart(start: number): number {
    let s = start;
    if (this.code(s - 1) === 43) s--;
    if (isOpenParen(this.code(s - 1))) s--;
    return s;
  }

  private matchCountryCodePhone(groups: Group[], g: number): number | null {
    const group = groups[g];
    if (this.hasX(group)) return null;
    const digits = group.digits;
    const plus = this.code(group.start - 1) === 43;
    if ((digits.length === 13 && digits.startsWith('86')) || (digits.length === 15 && digits.startsWith('0086'))) {
      const mobile = digits.slice(digits.length - 11);
      if (isMobileNumber(mobile) && this.isolated(groups, g, g)) {
        this.emit(this.prefixStart(group.start), group.end, 'phone', 'mobile:+86', mobile);
        return g;
      }
      return null;
    }
    if ((digits !== '86' && digits !== '0086') || g + 1 >= groups.length || !this.leftOpen(groups, g)) return null;
    const mobileEnd = this.mobileAt(groups, g + 1);
    if (mobileEnd >= 0 && this.rightOpen(groups, mobileEnd)) {
      this.emit(this.prefixStart(group.start), groups[mobileEnd].end, 'phone', 'mobile:+86', this.span(groups, g + 1, mobileEnd).replace(/\D/g, ''));
      return mobileEnd;
    }
    if (!plus && digits === '86') return null;
    const area = groups[g + 1].digits;
    const areaOk = area === '10' || (area.length === 2 && area[0] === '2') || (area.length === 3 && area[0] >= '3');
    if (!areaOk) return null;
    const last = this.subscriberAt(groups, g + 2);
    if (last < 0) return null;
    const end = this.withExtension(groups, last);
    this.emit(this.prefixStart(group.start), end.end, 'phone', 'landline:+86', '0' + area + this.span(groups, g + 2, last));
    return end.group;
  }

  private matchMobile(groups: Group[], g: number): number | null {
    const h = this.mobileAt(groups, g);
    if (h < 0 || !this.isolated(groups, g, h)) return null;
    this.emit(groups[g].start, groups[h].end, 'phone', 'mobile', this.span(groups, g, h).replace(/\D/g, ''));
    return h;
  }

  /** Subscriber as one 7–8 digit group or split 3-4 / 4-4 starting at g; returns its last group or -1. */
  private subscriberAt(groups: Group[], g: number): number {
    if (g >= groups.length || this.hasX(groups[g])) return -1;
    const first = groups[g].digits;
    if (isSubscriberNumber(first)) {
      const open = g < groups.length - 1 || this.rightOpen(groups, g) || this.extensionLength(groups[g].end) > 0;
      return open ? g : -1;
    }
    if ((first.length === 3 || first.length === 4) && g + 1 < groups.length && groups[g + 1].sep !== PAREN) {
      const second = groups[g + 1];
      if (second.digits.length === 4 && !this.hasX(second) && isSubscriberNumber(first + second.digits) && (this.rightOpen(groups, g + 1) || this.extensionLength(second.end) > 0)) {
        return g + 1;
      }
    }
    return -1;
  }

  /** Extends a landline ending at group h with `-123`, `转123`, `分机123`, `ext. 12` or `x12`. */
  private withExtension(groups: Group[], h: number): { end: number; group: number } {
    const next = groups[h + 1];
    if (next && next.sep === DASH && next.digits.length <= 5 && !this.hasX(next) && this.rightOpen(groups, h + 1)) {
      return { end: next.end, group: h + 1 };
    }
    const end = groups[h].end;
    return { end: end + this.extensionLength(end), group: h };
  }

  /** Length of a written extension (`转123`, `分机123`, `ext. 12`, `x12`) at `at`, or 0. */
  private extensionLength(at: number): number {
    const match = EXTENSION.exec(this.text.slice(at, at + 16));
    return match ? match[0].length : 0;
  }

  private matchLandline(groups: Group[], g: number): number | null {
    const group = groups[g];
    if (this.hasX(group)) return null;
    const digits = group.digits;
    if (isCompactLandline(digits) && this.isolated(groups, g, g)) {
      const end = this.withExtension(groups, g);
      this.emit(group.start, end.end, 'phone', 'landline', digits);
      return end.group;
    }
    if (g + 1 >= groups.length || areaCodeLength(digits) !== digits.length || !this.leftOpen(groups, g)) return null;
    const paren = groups[g + 1].sep === PAREN;
    if (paren && !isOpenParen(this.code(group.start - 1))) return null;
    const last = this.subscriberAt(groups, g + 1);
    if (last < 0) return null;
    const end = this.withExtension(groups, last);
    const start = paren ? group.start - 1 : group.start;
    this.emit(start, end.end, 'phone', 'landline', digits + this.span(groups, g + 1, last).replace(/\D/g, ''));
    return end.group;
  }

  private matchBankCard(groups: Group[], g: number): number | null {
    const group = groups[g];
    if (this.hasX(group)) return null;
    const length = group.digits.length;
    if (length >= 15 && length <= 19) {
      const network = validBankCard(group.digits);
      if (network && this.isolated(groups, g, g)) {
        this.emit(group.start, group.end, 'bank_card', `luhn:${network}`, group.digits);
        return g;
      }
      return null;
    }
    if (length !== 4 || g + 2 >= groups.length) return null;
    for (const shape of CARD_GROUPINGS) {
      const h = g + shape.length - 1;
      if (h >= groups.length) continue;
      let digits = '';
      let fits = true;
      for (let k = 0; k < shape.length && fits; k++) {
        const part = groups[g + k];
        fits = !this.hasX(part) && (k === 0 || part.sep !== PAREN) && shape[k].includes(part.digits.length);
        digits += part.digits;
      }
      if (!fits || !this.isolated(groups, g, h)) continue;
      const network = validBankCard(digits);
      if (network) {
        this.emit(group.start, groups[h].end, 'bank_card', `luhn:${network}`, digits);
        return h;
      }
    }
    return null;
  }

  private scanEmail(at: number): number {
    const text = this.text;
    const floor = Math.max(this.lastEnd, at - 64);
    let left = at;
    while (left > floor && isEmailLocalChar(text.charCodeAt(left - 1))) left--;
    if (left === at - 64 && left > this.lastEnd && isEmailLocalChar(this.code(left - 1))) return at + 1;
    while (left < at && text.charCodeAt(left) === 46) left++;
    const ceiling = Math.min(text.length, at + 1 + 253);
    let right = at + 1;
    while (right < ceiling && isDomainChar(text.charCodeAt(right))) right++;
    if (right === ceiling && isDomainChar(this.code(right))) {
      while (isDomainChar(this.code(right))) right++;
      return right;
    }
    let end = right;
    while (end > at + 1 && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
    if (left < at && isEmailAddress(text.slice(left, at), text.slice(at + 1, end))) {
      this.emit(left, end, 'email', 'email', text.slice(left, end).toLowerCase());
      return end;
    }
    return at + 1;
  }

  private scanIPv6(colon: number): number {
    const floor = Math.max(this.lastEnd, colon - 45);
    let left = colon;
    while (left > floor && isHexOrColonOrDot(this.code(left - 1))) left--;
    let right = colon + 1;
    while (isHexOrColonOrDot(this.code(right))) right++;
    if (!this.options.detectors.has('ip')) return right;
    if (isWordChar(this.code(left - 1)) || isHexOrColonOrDot(this.code(left - 1)) || isWordChar(this.code(right))) return right;
    let end = right;
    while (end > left && this.code(end - 1) === 46) end--;
    const groups = parseIPv6(this.text.slice(left, end));
    if (!groups) return right;
    const kind = classifyIPv6(groups);
    if (kind === 'public' || !this.options.keepReservedIps) {
      this.emit(left, end, 'ip', `ipv6:${kind}`, this.text.slice(left, end).toLowerCase());
    }
    return right;
  }
}

const EXTENSION = /^ ?(?:转|分机号?|[Ee][Xx][Tt]\.?|x) ?\d{1,6}(?![0-9A-Za-z])/;

/** Amex 4-6-5 and 4-4-4-4 with an optional last group of 1–3 digits (17–19-digit cards). */
const CARD_GROUPINGS: number[][][] = [
  [[4], [4], [4], [4], [1, 2, 3]],
  [[4], [4], [4], [4]],
  [[4], [6], [5]],
];

const CUE_PATTERN =
  /QQ|qq|Qq|qQ|扣扣|加?微信|威信|薇信|[vV]信|加?[vVwW][xX]|加[vV]|加微|[Ww]ei[Xx]in|WEIXIN|[Ww]e[Cc]hat|WECHAT|护照|[Pp]assport(?: [Nn]o\.| [Nn]umber)?/g;
const CUE_AT = new RegExp(CUE_PATTERN.source, 'y');

/** Characters allowed between a cue and its value: spaces, colons, 号/码/是/为, slashes, brackets. */
function isCueFiller(c: number): boolean {
  return (
    c === 32 || c === 160 || c === 0x3000 || c === 9 || c === 58 || c === 0xff1a || c === 0x53f7 || c === 0x7801 ||
    c === 0x662f || c === 0x4e3a || c === 0x4fe1 || c === 0x8d26 || c === 47 || c === 0xff0f || c === 0x3001 ||
    c === 124 || c === 40 || c === 0xff08 || c === 45 || c === 61
  );
}

type CueKind = 'qq' | 'wechat' | 'passport';

function cueKind(cue: string): CueKind {
  if (/^(?:QQ|扣扣)$/i.test(cue)) return 'qq';
  return cue === '护照' || /^passport/i.test(cue) ? 'passport' : 'wechat';
}

const PASSPORT = /^(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7}|[DPS]E?\d{7})$/;

function isAsciiCue(cue: string): boolean {
  return isLetter(cue.charCodeAt(0));
}

/** In-context identifiers: a QQ number, WeChat ID or passport number right after its cue word. */
function scanCues(scanner: Scanner): void {
  const { text, options } = scanner;
  if (!options.detectors.has('qq') && !options.detectors.has('wechat') && !options.detectors.has('passport')) return;
  for (const match of text.matchAll(CUE_PATTERN)) {
    const cue = match[0];
    const start = match.index;
    if (isAsciiCue(cue) && (isWordChar(text.charCodeAt(start - 1)) || isLetter(text.charCodeAt(start + cue.length)))) continue;
    const kinds = new Set<CueKind>([cueKind(cue)]);
    let pos = start + cue.length;
    for (let chained = 0; chained < 2; chained++) {
      const limit = pos + 8;
      while (pos < limit && isCueFiller(text.charCodeAt(pos))) pos++;
      CUE_AT.lastIndex = pos;
      const next = CUE_AT.exec(text);
      if (!next || (isAsciiCue(next[0]) && isWordChar(text.charCodeAt(pos + next[0].length)))) break;
      kinds.add(cueKind(next[0]));
      pos += next[0].length;
    }
    let end = pos;
    while (end < pos + 24 && (isWordChar(text.charCodeAt(end)) || text.charCodeAt(end) === 45)) end++;
    if (end === pos || isWordChar(text.charCodeAt(end)) || (text.charCodeAt(end) === 46 && isDigit(text.charCodeAt(end + 1)))) continue;
    if (text.charCodeAt(end) === 64) continue;
    const value = text.slice(pos, end);
    const labelled = `cue:${cue}`;
    if (kinds.has('passport') && PASSPORT.test(value)) scanner.emit(pos, end, 'passport', labelled, value);
    else if (kinds.has('qq') && isQqNumber(value)) scanner.emit(pos, end, 'qq', labelled, value);
    else if (kinds.has('wechat') && (isWechatId(value) || isQqNumber(value))) scanner.emit(pos, end, 'wechat', labelled, value);
  }
}

const CREDIT_CODE_PATTERN = /(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{18}(?![0-9A-Za-z])/g;
const PLATE_PATTERN =
  /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·• ]?([A-HJ-NP-Z0-9]{5,6})(?![0-9A-Za-z])/g;

/** Plate body: 5 characters with at most two letters, or a 6-character new-energy plate opening or ending in D/F. */
function isPlateBody(body: string): boolean {
  const letters = body.replace(/\d/g, '').length;
  if (body.length === 5) return letters <= 2;
  return /^[DF][A-HJ-NP-Z0-9]\d{4}$|^\d{5}[DF]$/.test(body);
}

function scanOptionalPatterns(scanner: Scanner): void {
  const { text, options } = scanner;
  if (options.detectors.has('credit_code')) {
    for (const match of text.matchAll(CREDIT_CODE_PATTERN)) {
      if (isCreditCode(match[0])) scanner.emit(match.index, match.index + 18, 'credit_code', 'gb32100', match[0]);
    }
  }
  if (options.detectors.has('license_plate')) {
    for (const match of text.matchAll(PLATE_PATTERN)) {
      if (isPlateBody(match[1])) {
        scanner.emit(match.index, match.index + match[0].length, 'license_plate', 'plate', match[0].replace(/[·• ]/, ''));
      }
    }
  }
}

/** Drops hits inside URLs (except e-mail addresses) and hits overlapping an earlier one. */
function resolve(hits: PiiHit[], urlRanges: number[]): PiiHit[] {
  const ordered = hits.map((hit, order) => ({ hit, order })).sort((a, b) => a.hit.start - b.hit.start || a.order - b.order);
  const kept: PiiHit[] = [];
  let lastEnd = 0;
  let range = 0;
  for (const { hit } of ordered) {
    if (hit.start < lastEnd) continue;
    while (range < urlRanges.length && urlRanges[range + 1] <= hit.start) range += 2;
    const inUrl = range < urlRanges.length && urlRanges[range] <= hit.start && hit.rule !== 'email';
    if (inUrl) continue;
    kept.push(hit);
    lastEnd = hit.end;
  }
  return kept;
}

/** Finds validated PII in `text`; hits are sorted, non-overlapping, with UTF-16 offsets. */
export function findPii(text: string, options: ScanOptions): PiiHit[] {
  const view = foldFullWidth(text);
  const scanner = new Scanner(view, options);
  scanner.scan();
  scanCues(scanner);
  scanOptionalPatterns(scanner);
  if (scanner.hits.length === 0) return [];
  return resolve(scanner.hits, findUrlRanges(view));
}
