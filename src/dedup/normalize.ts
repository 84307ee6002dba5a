/** Text normalisation shared by the dedup steps. Each form is documented in docs/dedup.md. */

const WHITESPACE = /\s+/gu;
const NON_CONTENT = /[\p{P}\p{S}\p{Z}\p{C}]+/gu;
const DIGIT = /\p{Nd}/gu;

/** Identity form for exact dedup: NFKC, lowercase, no whitespace at all (reflowed copies match). */
export function identityForm(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(WHITESPACE, '');
}

/**
 * Content form for shingling and line hashing: NFKC, lowercase, punctuation, symbols, whitespace and
 * control characters removed, every decimal digit mapped to 0 (dates, counters and prices stop mattering).
 */
export function contentForm(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(NON_CONTENT, '').replace(DIGIT, '0');
}
