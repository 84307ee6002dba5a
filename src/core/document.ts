/** Where a document came from, so every error and removal can be traced back to its input. */
export interface SourceRef {
  file: string;
  /** 1-based line number for line-oriented inputs (JSONL). */
  line?: number;
  /** Byte offset of the record for binary inputs (WARC, Parquet row index). */
  offset?: number;
}

/** A measured value or threshold in a removal record. */
export type Measure = number | string | boolean | null;

/**
 * A span of text removed (or rewritten) inside a document.
 * Offsets are Unicode code points (not UTF-16 units, not bytes) into the text as it entered `step`,
 * so Python consumers can slice with the same numbers.
 */
export interface Span {
  start: number;
  end: number;
  step: string;
  rule: string;
  value: Measure;
  threshold: Measure;
}

/** Why a whole document was removed. */
export interface DocRemoval {
  step: string;
  rule: string;
  value: Measure;
  threshold: Measure;
  /** Extra evidence (matched terms, twin id, ...). */
  detail?: Record<string, unknown>;
}

/** Raw bytes of a crawled resource (WARC response, HTML file), never written to output. */
export interface RawContent {
  bytes: Uint8Array;
  contentType?: string;
  httpStatus?: number;
  httpHeaders?: Record<string, string>;
}

/** Annotations written under the single `taomi` key of an output record. */
export interface Annotations {
  /** Line spans removed by cleaning steps, in the order they were applied. */
  removed_spans?: Span[];
  /** Set on records in DIR/removed/. */
  removed?: DocRemoval;
  [key: string]: unknown;
}

export interface Document {
  id: string;
  text: string;
  url?: string;
  /** Other input fields, written back unchanged. */
  fields: Record<string, unknown>;
  taomi: Annotations;
  source: SourceRef;
  /** Transient: raw payload for extraction steps. */
  raw?: RawContent;
}

/** Output record shape: `{id, text, url?, ...fields, taomi}`. */
export function toRecord(doc: Document): Record<string, unknown> {
  const record: Record<string, unknown> = { id: doc.id, text: doc.text };
  if (doc.url !== undefined) record.url = doc.url;
  for (const [key, value] of Object.entries(doc.fields)) {
    if (!(key in record) && key !== 'taomi') record[key] = value;
  }
  record.taomi = doc.taomi;
  return record;
}

const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

/** Length in code points: a surrogate pair counts once, a lone surrogate once (cheap when the text is all BMP). */
export function codePointLength(text: string): number {
  if (!HIGH_SURROGATE.test(text)) return text.length;
  let points = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    points++;
  }
  return points;
}
