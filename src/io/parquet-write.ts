import { writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { ByteWriter, ParquetWriter, type ColumnSource, type SchemaElement } from 'hyparquet-writer';
import { compress } from 'zstd-napi';
import type { RecordWriter } from './types.js';

/** A row group is written every 10,000 rows or ~64 MB of text, whichever comes first. */
export interface ParquetWriterOptions {
  rowGroupRows: number;
  rowGroupChars: number;
}

const DEFAULT_PARQUET_OPTIONS: ParquetWriterOptions = { rowGroupRows: 10_000, rowGroupChars: 64 * 1024 * 1024 };
const FILE_CHUNK_BYTES = 1 << 20;

/**
 * The fixed output schema, standard types only so DuckDB, pyarrow and Spark read it:
 * `id`, `text`, `url` (nullable) as UTF-8 strings; `taomi` and `fields` as JSON text.
 */
export const PARQUET_SCHEMA: SchemaElement[] = [
  { name: 'schema', num_children: 5 },
  { name: 'id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'text', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'url', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  { name: 'taomi', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'fields', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
];

/** Column names that carry JSON text in a taomi Parquet file. */
export const PARQUET_JSON_COLUMNS = ['taomi', 'fields'] as const;

export async function openParquetWriter(path: string, options: Partial<ParquetWriterOptions> = {}): Promise<RecordWriter> {
  const handle = await open(path, 'w');
  return new ParquetRecordWriter(path, handle, { ...DEFAULT_PARQUET_OPTIONS, ...options });
}

interface RowBuffer {
  id: string[];
  text: string[];
  url: (string | null)[];
  taomi: string[];
  fields: string[];
}

class ParquetRecordWriter implements RecordWriter {
  private rows = emptyRows();
  private rowChars = 0;
  private readonly parquet: ParquetWriter;

  constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    private readonly options: ParquetWriterOptions,
  ) {
    this.parquet = new ParquetWriter({
      writer: new FileByteWriter(handle.fd),
      schema: PARQUET_SCHEMA,
      codec: 'ZSTD',
      compressors: { ZSTD: (bytes) => compress(bytes) },
      createdBy: 'taomi',
    });
  }

  async write(record: Record<string, unknown>): Promise<void> {
    const { id, text, url, taomi, ...fields } = record;
    const row = {
      id: id === undefined || id === null ? '' : String(id),
      text: typeof text === 'string' ? text : text === undefined || text === null ? '' : String(text),
      url: typeof url === 'string' ? url : null,
      taomi: JSON.stringify(taomi ?? {}),
      fields: JSON.stringify(url === undefined || typeof url === 'string' ? fields : { url, ...fields }),
    };
    this.rows.id.push(row.id);
    this.rows.text.push(row.text);
    this.rows.url.push(row.url);
    this.rows.taomi.push(row.taomi);
    this.rows.fields.push(row.fields);
    this.rowChars += row.text.length + row.taomi.length + row.fields.length;
    if (this.rows.id.length >= this.options.rowGroupRows || this.rowChars >= this.options.rowGroupChars) await this.flushRowGroup();
  }

  async close(): Promise<void> {
    await this.flushRowGroup();
    await this.parquet.finish();
    await this.handle.sync();
    await this.handle.close();
  }

  private async flushRowGroup(): Promise<void> {
    const count = this.rows.id.length;
    if (count === 0) return;
    const columnData: ColumnSource[] = [
      { name: 'id', data: this.rows.id },
      { name: 'text', data: this.rows.text, statistics: false },
      { name: 'url', data: this.rows.url },
      { name: 'taomi', data: this.rows.taomi, statistics: false },
      { name: 'fields', data: this.rows.fields, statistics: false },
    ];
    this.rows = emptyRows();
    this.rowChars = 0;
    await this.parquet.write({ columnData, rowGroupSize: count });
  }
}

function emptyRows(): RowBuffer {
  return { id: [], text: [], url: [], taomi: [], fields: [] };
}

/** hyparquet-writer's byte sink, spilling to a file descriptor every MiB so memory stays bounded. */
class FileByteWriter extends ByteWriter {
  constructor(private readonly fd: number) {
    super(FILE_CHUNK_BYTES);
  }

  override ensure(size: number): void {
    if (this.index > FILE_CHUNK_BYTES) this.flush();
    super.ensure(size);
  }

  flush(): void {
    const bytes = new Uint8Array(this.buffer, 0, this.index);
    for (let written = 0; written < bytes.length; ) written += writeSync(this.fd, bytes, written, bytes.length - written);
    this.index = 0;
  }

  override finish(): void {
    this.flush();
  }
}
