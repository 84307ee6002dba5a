import { z } from 'zod';
import type { Document, Span } from '../core/document.js';
import { defineStep, perDocument, type DocDecision, type StepContext } from '../core/step.js';
import { findPii, PII_RULES, type PiiHit, type PiiRule, type ScanOptions } from './scan.js';
import { todayNumber } from './validators.js';

export const DEFAULT_DETECTORS: PiiRule[] = ['id_card', 'phone', 'bank_card', 'email', 'ip', 'qq', 'wechat'];

export const DEFAULT_PLACEHOLDERS: Record<PiiRule, string> = {
  id_card: '<|id_card|>',
  phone: '<|phone|>',
  bank_card: '<|bank_card|>',
  email: '<|email|>',
  ip: '<|ip|>',
  qq: '<|qq|>',
  wechat: '<|wechat|>',
  credit_code: '<|credit_code|>',
  passport: '<|passport|>',
  license_plate: '<|license_plate|>',
};

const ruleName = z.enum(PII_RULES);

export const piiOptions = z
  .object({
    mode: z.enum(['replace', 'mask', 'annotate']).default('replace'),
    detectors: z.array(ruleName).default(DEFAULT_DETECTORS),
    placeholders: z.partialRecord(ruleName, z.string()).default({}),
    mask_char: z.string().length(1).default('*'),
    allow: z.array(z.string().min(1)).default([]),
    keep_reserved_ips: z.boolean().default(true),
    max_hits: z.number().int().nonnegative().nullable().default(null),
  })
  .strict();

export type PiiOptions = z.output<typeof piiOptions>;

/**
 * Allow-list matcher. Entries with `@` compare e-mail addresses case-insensitively (`*@example.com`
 * allows a domain); other entries compare digits only (`400*` allows a prefix).
 */
export function allowMatcher(entries: readonly string[]): (rule: PiiRule, canonical: string) => boolean {
  if (entries.length === 0) return () => false;
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const suffixes: string[] = [];
  for (const entry of entries) {
    const isEmail = entry.includes('@');
    const body = isEmail ? entry.toLowerCase() : entry.replace(/[^0-9A-Za-z*]/g, '').toUpperCase();
    if (body.endsWith('*')) prefixes.push(body.slice(0, -1));
    else if (body.startsWith('*')) suffixes.push(body.slice(1));
    else exact.add(body);
  }
  return (rule, canonical) => {
    const value = rule === 'email' ? canonical : canonical.toUpperCase();
    return exact.has(value) || prefixes.some((p) => value.startsWith(p)) || suffixes.some((s) => value.endsWith(s));
  };
}

/** Code-point offsets for ascending UTF-16 offsets, walking the text once. */
function codePointCursor(text: string): (utf16: number) => number {
  let unit = 0;
  let point = 0;
  return (target) => {
    while (unit < target) {
      const c = text.charCodeAt(unit);
      const next = text.charCodeAt(unit + 1);
      unit += c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
      point++;
    }
    return point;
  };
}

function maskHit(original: string, maskChar: string): string {
  return original.replace(/[0-9A-Za-z\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, maskChar);
}

function rewrite(text: string, hits: PiiHit[], options: PiiOptions, placeholders: Record<PiiRule, string>): string {
  let out = '';
  let last = 0;
  for (const hit of hits) {
    out += text.slice(last, hit.start);
    out += options.mode === 'mask' ? maskHit(text.slice(hit.start, hit.end), options.mask_char) : placeholders[hit.rule];
    last = hit.end;
  }
  return out + text.slice(last);
}

/** Scans one document: records spans and counters, then redacts, or asks for removal above max_hits. */
export function scrubDocument(doc: Document, ctx: StepContext, options: PiiOptions, scan: ScanOptions, placeholders: Record<PiiRule, string>): DocDecision {
  const hits = findPii(doc.text, scan);
  if (hits.length === 0) return doc;
  for (const hit of hits) ctx.counters.add(`pii.${hit.rule}`);
  ctx.counters.add('pii.documents');
  if (options.max_hits !== null && hits.length > options.max_hits) {
    return { remove: { rule: 'pii_hits', value: hits.length, threshold: options.max_hits } };
  }
  const toPoints = codePointCursor(doc.text);
  const spans: Span[] = hits.map((hit) => ({
    start: toPoints(hit.start),
    end: toPoints(hit.end),
    step: ctx.step,
    rule: hit.rule,
    value: hit.evidence,
    threshold: null,
  }));
  const previous = Array.isArray(doc.taomi.pii) ? (doc.taomi.pii as Span[]) : [];
  doc.taomi.pii = [...previous, ...spans];
  if (options.mode !== 'annotate') doc.text = rewrite(doc.text, hits, options, placeholders);
  return doc;
}

export const piiStep = defineStep({
  type: 'pii',
  summary: 'Finds validated Chinese PII (resident IDs, phones, bank cards, e-mail, IPs, QQ/WeChat) and replaces, masks or annotates it',
  options: piiOptions,
  create(options: PiiOptions, name: string) {
    const scan: ScanOptions = {
      detectors: new Set(options.detectors),
      keepReservedIps: options.keep_reserved_ips,
      today: todayNumber(),
      isAllowed: allowMatcher(options.allow),
    };
    const placeholders = { ...DEFAULT_PLACEHOLDERS, ...options.placeholders };
    return perDocument(name, (doc, ctx) => scrubDocument(doc, ctx, options, scan, placeholders));
  },
});
