import type pg from 'pg';

/**
 * Runs `COPY (…) TO STDOUT` on a pg client and collects what it sends. node-postgres speaks the
 * COPY sub-protocol only through add-on packages; this is the small part of its query interface
 * (a "submittable", as pg-cursor and pg-copy-streams use) that COPY out needs: the statement goes
 * out as a simple query, each CopyData message is appended to one buffer, and ReadyForQuery ends it.
 */

class CopyOut implements pg.Submittable {
  private buffer = Buffer.allocUnsafe(1 << 20);
  private length = 0;
  private failed: Error | null = null;
  private settle: { resolve: (data: Buffer) => void; reject: (error: Error) => void } | null = null;
  readonly done: Promise<Buffer>;

  constructor(private readonly text: string) {
    this.done = new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  }

  submit(connection: pg.Connection): void {
    connection.query(this.text);
  }

  handleCopyData(message: { chunk: Buffer }): void {
    // The chunk is a view of pg's read buffer, which is reused: copy it now.
    const needed = this.length + message.chunk.length;
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    message.chunk.copy(this.buffer, this.length);
    this.length = needed;
  }

  handleError(error: Error): void {
    this.failed ??= error;
    this.settle?.reject(error);
    this.settle = null;
  }

  handleReadyForQuery(): void {
    if (this.failed) return;
    this.settle?.resolve(this.buffer.subarray(0, this.length));
    this.settle = null;
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleCommandComplete(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
}

/** The bytes a `COPY … TO STDOUT` statement sends (the statement takes no parameters: inline checked literals). */
export async function copyOut(client: pg.ClientBase, statement: string): Promise<Buffer> {
  const query = new CopyOut(statement);
  client.query(query);
  return query.done;
}

export interface CopyChunkFacts {
  rows: number;
  /** The id (first column) of the last row, or null without rows. */
  lastId: string | null;
  /** The greatest value of the clock column, or null without rows. */
  maxHlc: string | null;
}

const signature = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

function uuidText(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Walks a binary COPY stream once, reading only field lengths, for what the answer's headers say:
 * how many rows, the last row's id (column 0, a uuid) and the greatest clock (column `hlcColumn`).
 */
export function describeCopyChunk(data: Buffer, hlcColumn: number): CopyChunkFacts {
  if (data.length < 21 || !data.subarray(0, signature.length).equals(signature)) throw new Error('Not a binary COPY stream.');
  let offset = signature.length + 4;
  offset += 4 + data.readInt32BE(offset); // header extension
  let rows = 0;
  let lastId: Buffer | null = null;
  let maxHlc: Buffer | null = null;
  for (;;) {
    const fields = data.readInt16BE(offset);
    offset += 2;
    if (fields === -1) break;
    for (let field = 0; field < fields; field++) {
      const length = data.readInt32BE(offset);
      offset += 4;
      if (length < 0) continue;
      if (field === 0) lastId = data.subarray(offset, offset + length);
      else if (field === hlcColumn) {
        const hlc = data.subarray(offset, offset + length);
        if (maxHlc === null || Buffer.compare(hlc, maxHlc) > 0) maxHlc = hlc;
      }
      offset += length;
    }
    rows += 1;
  }
  return { rows, lastId: lastId === null ? null : uuidText(lastId), maxHlc: maxHlc?.toString('utf8') ?? null };
}
