import type { Annotations, Document, SourceRef } from '../core/document.js';
import type { ReadOptions } from './types.js';

export type MappedRecord =
  | { ok: true; doc: Document }
  | { ok: false; kind: 'not_object' | 'missing_text' | 'empty_text'; message: string };

/**
 * Maps one input record to a Document: id/text/url from the configured fields, every other field
 * kept unchanged in `fields`, and an existing `taomi` object kept so chained runs keep annotations.
 */
export function recordToDocument(
  value: unknown,
  options: ReadOptions,
  source: SourceRef,
  fallbackId: string,
): MappedRecord {
  if (!isPlainObject(value)) {
    return { ok: false, kind: 'not_object', message: `record is ${describeType(value)}, not a JSON object` };
  }
  const text = typeof value[options.textField] === 'string' || !hasHtml(value) ? value[options.textField] : '';
  if (typeof text !== 'string') {
    const detail = text === undefined || text === null ? 'is missing' : `is ${describeType(text)}, not a string`;
    return { ok: false, kind: 'missing_text', message: `text field "${options.textField}" ${detail}` };
  }
  if (text.trim() === '' && !hasHtml(value)) {
    return { ok: false, kind: 'empty_text', message: `text field "${options.textField}" is empty` };
  }
  const id = usableId(value[options.idField]);
  const url = value[options.urlField];
  const fields: Record<string, unknown> = {};
  let taomi: Annotations = {};
  for (const key in value) {
    const field = value[key];
    if (key === options.textField) continue;
    if (key === options.idField && id !== undefined) continue;
    if (key === options.urlField && typeof url === 'string') continue;
    if (key === 'taomi' && isPlainObject(field)) taomi = field as Annotations;
    else fields[key] = field;
  }
  const doc: Document = { id: id ?? fallbackId, text, fields, taomi, source };
  if (typeof url === 'string') doc.url = url;
  return { ok: true, doc };
}

/** Rows with raw HTML and no text yet are pages waiting for the extract step, not empty records. */
function hasHtml(value: Record<string, unknown>): boolean {
  return typeof value.html === 'string' && value.html.trim() !== '';
}

function usableId(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** Marks a document whose bytes were not valid UTF-8 (the text holds U+FFFD replacements). */
export function flagInvalidUtf8(doc: Document): void {
  const flags = Array.isArray(doc.taomi.flags) ? (doc.taomi.flags as unknown[]) : [];
  if (!flags.includes('invalid_utf8')) doc.taomi.flags = [...flags, 'invalid_utf8'];
}

/** At most 1,000 characters of a bad record, for error files. */
export function excerpt(text: string): string {
  return text.length > 1000 ? text.slice(0, 1000) : text;
}
