/**
 * Validators for Chinese PII candidates. Each takes the candidate's characters (separators already
 * stripped) and answers from the published algorithm, never from the shape alone.
 */

/** Province-level codes of GB/T 2260 that open a resident ID (71 Taiwan, 81/82 HK/Macau, 83 residence permits). */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 83,
]);

/** ISO 7064 MOD 11-2 weights 2^(17-i) mod 11 and the check character for each remainder. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Today as a YYYYMMDD number, the upper bound for birth dates. */
export function todayNumber(now = new Date()): number {
  return now.getUTCFullYear() * 10000 + (now.getUTCMonth() + 1) * 100 + now.getUTCDate();
}

/** A calendar date from 1900-01-01 up to `today` (YYYYMMDD). */
export function isPlausibleBirthDate(year: number, month: number, day: number, today: number): boolean {
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return year * 10000 + month * 100 + day <= today;
}

function digitsAt(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}

function allDigits(text: string, start = 0, end = text.length): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function hasProvinceCode(id: string): boolean {
  return PROVINCE_CODES.has(digitsAt(id, 0, 2));
}

/** The MOD 11-2 check character of the first 17 digits of an 18-character resident ID. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** 18-character resident ID (GB 11643-1999): province code, birth date, MOD 11-2 check character. */
export function isResidentId18(id: string, today: number): boolean {
  if (id.length !== 18 || !allDigits(id, 0, 17) || !hasProvinceCode(id)) return false;
  if (!isPlausibleBirthDate(digitsAt(id, 6, 4), digitsAt(id, 10, 2), digitsAt(id, 12, 2), today)) return false;
  return residentIdCheckChar(id) === id[17].toUpperCase();
}

/**
 * An 18-digit number with a province code and something date-like (year 1800–2099, month 01–12, day
 * 01–31) where a resident ID has them. Such a number failing the ID checks is a mistyped or fake ID,
 * so it is not re-read as a bank card.
 */
export function isResidentIdShaped(digits: string): boolean {
  if (digits.length !== 18 || !allDigits(digits) || !hasProvinceCode(digits)) return false;
  const year = digitsAt(digits, 6, 4);
  const month = digitsAt(digits, 10, 2);
  const day = digitsAt(digits, 12, 2);
  return year >= 1800 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** 15-digit legacy resident ID (before 1999): province code and a valid 19YYMMDD birth date, no checksum. */
export function isResidentId15(id: string, today: number): boolean {
  if (id.length !== 15 || !allDigits(id) || !hasProvinceCode(id)) return false;
  return isPlausibleBirthDate(1900 + digitsAt(id, 6, 2), digitsAt(id, 8, 2), digitsAt(id, 10, 2), today);
}

/** Luhn (ISO/IEC 7812-1) over a digit string. */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export type CardNetwork = 'unionpay' | 'visa' | 'mastercard' | 'amex' | 'jcb';

/**
 * Card network from the issuer prefix and length: UnionPay 62 (16–19), Visa 4 (16–19),
 * Mastercard 51–55 and 2221–2720 (16), Amex 34/37 (15), JCB 3528–3589 (16–19).
 */
export function cardNetwork(digits: string): CardNetwork | null {
  const n = digits.length;
  const two = digitsAt(digits, 0, 2);
  if (n === 15) return two === 34 || two === 37 ? 'amex' : null;
  if (n < 16 || n > 19) return null;
  if (two === 62) return 'unionpay';
  if (digits.charCodeAt(0) === 52) return 'visa';
  const four = digitsAt(digits, 0, 4);
  if (n === 16 && ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720))) return 'mastercard';
  if (four >= 3528 && four <= 3589) return 'jcb';
  return null;
}

/** A bank card number: known network prefix and length, Luhn-valid. Returns the network or null. */
export function validBankCard(digits: string): CardNetwork | null {
  if (!allDigits(digits)) return null;
  const network = cardNetwork(digits);
  return network && isLuhnValid(digits) && !isResidentIdShaped(digits) ? network : null;
}

/** Mainland mobile prefixes in current allocation: 13x, 14[5-9], 15[0-35-9], 16[2567], 17[0-8], 18x, 19[0-35-9]. */
export function isMobileNumber(digits: string): boolean {
  if (digits.length !== 11 || digits.charCodeAt(0) !== 49 || !allDigits(digits)) return false;
  const second = digits.charCodeAt(1) - 48;
  const third = digits.charCodeAt(2) - 48;
  switch (second) {
    case 3:
    case 8:
      return true;
    case 4:
      return third >= 5;
    case 5:
      return third !== 4;
    case 6:
      return third === 2 || third === 5 || third === 6 || third === 7;
    case 7:
      return third <= 8;
    case 9:
      return third !== 4;
    default:
      return false;
  }
}

/** Length of the area code that opens `digits` (010, 02x: 3; 0[3-9]xx: 4), or 0. */
export function areaCodeLength(digits: string): number {
  if (digits.length < 3 || digits.charCodeAt(0) !== 48) return 0;
  const second = digits.charCodeAt(1) - 48;
  if (second === 1) return digits.charCodeAt(2) === 48 ? 3 : 0;
  if (second === 2) return 3;
  return second >= 3 && second <= 9 && digits.length >= 4 ? 4 : 0;
}

/** A subscriber number: 7 or 8 digits not starting with 0. */
export function isSubscriberNumber(digits: string): boolean {
  return (digits.length === 7 || digits.length === 8) && digits.charCodeAt(0) !== 48 && allDigits(digits);
}

/**
 * An unseparated landline (area code + subscriber). Without a separator the evidence is weaker, so the
 * subscriber must start with 2–8 as real ones do (1 and 9 open service numbers).
 */
export function isCompactLandline(digits: string): boolean {
  const area = areaCodeLength(digits);
  if (area === 0 || !allDigits(digits)) return false;
  const subscriber = digits.slice(area);
  const first = subscriber.charCodeAt(0) - 48;
  return isSubscriberNumber(subscriber) && first >= 2 && first <= 8 && (area === 4 || subscriber.length === 8);
}

export type IpClass = 'public' | 'private' | 'loopback' | 'link_local' | 'documentation' | 'reserved';

/** Parses dotted-quad IPv4 (no leading zeros); returns the four octets or null. */
export function parseIPv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const octets: number[] = [];
  for (const part of parts) {
    if (part.length === 0 || part.length > 3 || !allDigits(part)) return null;
    if (part.length > 1 && part.charCodeAt(0) === 48) return null;
    const value = Number(part);
    if (value > 255) return null;
    octets.push(value);
  }
  return octets;
}

/** Special-purpose IPv4 ranges (RFC 1918, 5735, 5737, 6598, 3927, 2544, multicast and class E). */
export function classifyIPv4([a, b, c]: number[]): IpClass {
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)) {
    return 'private';
  }
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link_local';
  if ((a === 192 && b === 0 && c === 2) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) {
    return 'documentation';
  }
  if (a === 0 || a >= 224 || (a === 198 && (b === 18 || b === 19)) || (a === 192 && b === 0 && c === 0)) return 'reserved';
  return 'public';
}

/** Parses an IPv6 address (RFC 4291 text forms, optional trailing dotted IPv4) into eight 16-bit groups. */
export function parseIPv6(text: string): number[] | null {
  if (text.length < 2 || text.length > 45) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parseSide = (side: string, allowV4: boolean): number[] | null => {
    if (side === '') return [];
    const groups: number[] = [];
    const parts = side.split(':');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (allowV4 && i === parts.length - 1 && part.includes('.')) {
        const v4 = parseIPv4(part);
        if (!v4) return null;
        groups.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else {
        if (!/^[0-9A-Fa-f]{1,4}$/.test(part)) return null;
        groups.push(parseInt(part, 16));
      }
    }
    return groups;
  };
  if (halves.length === 1) {
    const groups = parseSide(halves[0], true);
    return groups && groups.length === 8 ? groups : null;
  }
  const head = parseSide(halves[0], false);
  const tail = parseSide(halves[1], true);
  if (!head || !tail || head.length + tail.length > 7) return null;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/**
 * Only global unicast (2000::/3) can be public; inside it the documentation ranges of RFC 3849
 * (2001:db8::/32) and RFC 9637 (3fff::/20) are not. IPv4-mapped addresses take their IPv4 class.
 */
export function classifyIPv6(groups: number[]): IpClass {
  const [g0, g1] = groups;
  const zeroHead = groups.slice(0, 5).every((g) => g === 0);
  if (zeroHead && groups[5] === 0xffff) {
    return classifyIPv4([groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255]);
  }
  if (zeroHead && groups[5] === 0 && groups[6] === 0 && groups[7] === 1) return 'loopback';
  if ((g0 & 0xffc0) === 0xfe80) return 'link_local';
  if ((g0 & 0xfe00) === 0xfc00) return 'private';
  if ((g0 === 0x2001 && g1 === 0x0db8) || (g0 & 0xfff0) === 0x3ff0) return 'documentation';
  if ((g0 & 0xe000) === 0x2000) return 'public';
  return 'reserved';
}

/** A plausible e-mail address: dot-atom local part (≤ 64) and a dotted host name with an alphabetic TLD. */
export function isEmailAddress(local: string, domain: string): boolean {
  if (local.length === 0 || local.length > 64 || domain.length > 253) return false;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (label.length === 0 || label.length > 63 || label.startsWith('-') || label.endsWith('-')) return false;
  }
  const tld = labels[labels.length - 1];
  return /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/.test(tld);
}

/** A QQ number: 5–11 digits, not starting with 0. */
export function isQqNumber(value: string): boolean {
  return value.length >= 5 && value.length <= 11 && value.charCodeAt(0) !== 48 && allDigits(value);
}

/** A WeChat ID: 6–20 characters of [A-Za-z0-9_-] starting with a letter. */
export function isWechatId(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_-]{5,19}$/.test(value);
}

/** GB 32100-2015 character set (no I, O, S, V, Z) and weights 3^i mod 31. */
const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 32100 check character of the first 17 characters, or null when one is outside the set. */
export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARS.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * CREDIT_CODE_WEIGHTS[i];
  }
  return CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31];
}

/** Unified social credit code (GB 32100-2015): 18 characters, 6-digit region at 3–8, check character. */
export function isCreditCode(code: string): boolean {
  if (code.length !== 18 || !allDigits(code, 2, 8)) return false;
  return creditCodeCheckChar(code) === code[17];
}
