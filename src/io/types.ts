import type { Document } from '../core/document.js';

/** How readers map input records to documents. */
export interface ReadOptions {
  /** Field holding the text (JSONL/Parquet). Default `text`. */
  textField: string;
  /** Field holding the id; missing ids become `<file basename>:<line or offset>`. Default `id`. */
  idField: string;
  /** Field holding the URL. Default `url`. */
  urlField: string;
  /** Records (JSONL lines, WARC payloads) larger than this become `record_too_large` errors. Default 64 MiB. */
  maxRecordBytes?: number;
}

export const DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024;

export const DEFAULT_READ_OPTIONS: ReadOptions = { textField: 'text', idField: 'id', urlField: 'url' };

/** A record that could not be turned into a document, or a document read with a problem. */
export interface ReadProblem {
  file: string;
  line?: number;
  offset?: number;
  /** Machine-readable kind: json_parse, empty_text, invalid_utf8, truncated_gzip, warc_header, record_too_large, ... */
  kind: string;
  message: string;
  /** First bytes of the bad record (at most 1,000 characters), so nothing is lost silently. */
  excerpt?: string;
}

/**
 * What a reader yields. `doc` items go through the pipeline (with `warnings` for problems that were
 * repaired, e.g. invalid UTF-8 replaced); `error` items are counted in `errored` and written to
 * DIR/errors/.
 */
export type ReadItem =
  | { kind: 'doc'; doc: Document; bytes: number; warnings?: ReadProblem[] }
  | { kind: 'error'; error: ReadProblem; bytes: number };

/** A shard that cannot be read at all (missing, permission denied, unknown format). */
export class ShardError extends Error {
  override name = 'ShardError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

/** An error from the file system or the network (it carries an errno-style code), not from the data. */
export function isIoError(error: unknown): boolean {
  return typeof (error as NodeJS.ErrnoException)?.code === 'string';
}

/** One input file after expanding paths, directories and globs. */
export interface InputFile {
  /** Local path or s3:// URL. */
  path: string;
  /** Size in bytes when known (for progress ETA). */
  size?: number;
}

export type OutputFormat = 'jsonl' | 'parquet';
export type Compression = 'none' | 'gzip' | 'zstd';

/** Streaming writer of output records (`toRecord(doc)` shape, or error records). */
export interface RecordWriter {
  readonly path: string;
  write(record: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}
