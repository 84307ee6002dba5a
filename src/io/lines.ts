/** One line cut from a byte stream, without its line terminator. */
export interface RawLine {
  /** 1-based line number. */
  line: number;
  /** Uncompressed byte offset of the first byte of the line. */
  offset: number;
  /** The line's bytes, or only its first KiB when `tooLarge`. Valid only until the next `push`. */
  bytes: Buffer;
  /** Bytes consumed including the terminator. */
  size: number;
  /** The line exceeded the size cap; its bytes were dropped to keep memory bounded. */
  tooLarge: boolean;
}

const NEWLINE = 0x0a;
const TOO_LARGE_HEAD_BYTES = 1024;
const CARRIAGE_RETURN = 0x0d;

/**
 * Splits a byte stream into lines at `\n` (a trailing `\r` is dropped) without readline's string
 * copies: lines that sit inside one chunk are zero-copy subarrays; only lines spanning chunks are
 * concatenated. Memory is bounded by `maxLineBytes`.
 */
export class LineSplitter {
  private pieces: Buffer[] = [];
  private pendingBytes = 0;
  private skipping = false;
  private skippedHead = Buffer.alloc(0);
  private nextLine = 1;
  private consumed = 0;

  constructor(private readonly maxLineBytes: number) {}

  /** Line number the next (possibly incomplete) line will get. */
  get currentLine(): number {
    return this.nextLine;
  }

  /** Bytes held for the incomplete last line (or dropped from it when too large). */
  get incompleteBytes(): number {
    return this.pendingBytes;
  }

  /** Total bytes pushed so far. */
  get bytesSeen(): number {
    return this.consumed + this.pendingBytes;
  }

  push(chunk: Buffer): RawLine[] {
    const lines: RawLine[] = [];
    let start = 0;
    for (let newline = chunk.indexOf(NEWLINE); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
      lines.push(this.completeLine(chunk, start, newline));
      start = newline + 1;
    }
    if (start < chunk.length) this.hold(chunk.subarray(start));
    return lines;
  }

  /** Flushes the last line when the input does not end with a newline. */
  end(): RawLine[] {
    if (this.pendingBytes === 0) return [];
    const size = this.pendingBytes;
    const line = this.makeLine(this.takePending(), size, size);
    return [line];
  }

  private completeLine(chunk: Buffer, start: number, newline: number): RawLine {
    if (this.pendingBytes === 0) return this.makeLine(chunk.subarray(start, newline), newline + 1 - start, newline - start);
    const tail = chunk.subarray(start, newline);
    const size = this.pendingBytes + tail.length + 1;
    this.append(tail, false);
    return this.makeLine(this.takePending(), size, size - 1);
  }

  private hold(rest: Buffer): void {
    // Copy, because the caller may reuse the chunk it handed us.
    this.append(rest, true);
  }

  private append(bytes: Buffer, copy: boolean): void {
    if (!this.skipping) {
      this.pieces.push(copy ? Buffer.from(bytes) : bytes);
      if (this.pendingBytes + bytes.length > this.maxLineBytes) this.startSkipping();
    }
    this.pendingBytes += bytes.length;
  }

  private startSkipping(): void {
    this.skipping = true;
    this.skippedHead = Buffer.from(Buffer.concat(this.pieces).subarray(0, TOO_LARGE_HEAD_BYTES));
    this.pieces = [];
  }

  private takePending(): Buffer {
    const bytes = this.pieces.length === 1 ? this.pieces[0] : Buffer.concat(this.pieces);
    this.pieces = [];
    return bytes;
  }

  private makeLine(bytes: Buffer, size: number, contentLength: number): RawLine {
    const tooLarge = this.skipping || contentLength > this.maxLineBytes;
    let content = bytes;
    if (tooLarge) content = this.skipping ? this.skippedHead : bytes.subarray(0, TOO_LARGE_HEAD_BYTES);
    if (content.length > 0 && content[content.length - 1] === CARRIAGE_RETURN) content = content.subarray(0, -1);
    const line: RawLine = { line: this.nextLine++, offset: this.consumed, bytes: content, size, tooLarge };
    this.consumed += size;
    this.pendingBytes = 0;
    this.skipping = false;
    return line;
  }
}

/** True when the line holds only spaces, tabs or `\r` (blank lines in JSONL are not records). */
export function isBlank(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte !== 0x20 && byte !== 0x09 && byte !== CARRIAGE_RETURN) return false;
  }
  return true;
}
