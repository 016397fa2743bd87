import { entities, type EntityName, type FieldDefinition, type FieldType } from '../../common/entities';
import { Replica, type ReplicaTx } from '../replica/replica';

/** The field names of an entity (besides id, tenant and clock, which the loader adds). */
export type FieldOf<E extends EntityName> = Extract<keyof (typeof entities)[E]['fields'], string>;

const needsQuotes = /[",\r\n\\]/;

/** A CSV field for COPY … (FORMAT csv): quoted when it holds a quote, comma, line break or backslash. */
export function csvText(text: string): string {
  if (text === '' || needsQuotes.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

/**
 * Encodes one value for a column of the given type. NULL is the empty unquoted field (and an empty
 * string is therefore `""`); jsonb is quoted JSON text; uuid[] is a Postgres array literal.
 */
export function csvField(type: FieldType, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (type) {
    case 'jsonb':
    case 'geometry':
      return csvText(JSON.stringify(value));
    case 'uuid[]':
      if (!Array.isArray(value)) throw new TypeError(`Expected a list of ids, got ${typeof value}.`);
      return csvText(`{${value.map(String).join(',')}}`);
    case 'bytea':
      if (!(value instanceof Uint8Array)) throw new TypeError('Expected bytes for a bytea column.');
      return `\\x${Buffer.from(value).toString('hex')}`;
    default:
      if (typeof value === 'string') return csvText(value);
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) throw new TypeError(`Cannot store ${value} in a ${type} column.`);
        return String(value);
      }
      if (typeof value === 'boolean') return value ? 'true' : 'false';
      if (value instanceof Date) return value.toISOString();
      throw new TypeError(`Cannot encode a ${typeof value} for a ${type} column.`);
  }
}

/** Buffers the rows of one table and loads them with COPY, one chunk at a time. */
export class TableCopy<E extends EntityName> {
  private lines: string[] = [];
  private readonly types: FieldType[];
  private readonly suffix: string;
  rowCount = 0;

  constructor(
    private readonly loader: CopyLoader,
    readonly entity: E,
    private readonly fields: readonly FieldOf<E>[],
  ) {
    const definitions: Record<string, FieldDefinition> = entities[entity].fields;
    this.types = fields.map((name) => {
      const field = definitions[name];
      if (!field) throw new Error(`${entity} has no field ${name}.`);
      return field.type;
    });
    this.suffix = `,${csvText(loader.tenantId)},${csvText(loader.hlc)}`;
  }

  get columns(): string[] {
    return [...this.fields, 'id', 'tenant_id', 'hlc'];
  }

  /** Adds a row: the values in the order of the fields given to `CopyLoader.table`, then its id. */
  async add(id: string, values: readonly unknown[]): Promise<void> {
    let line = '';
    for (let i = 0; i < this.types.length; i++) {
      line += `${csvField(this.types[i] as FieldType, values[i])},`;
    }
    this.lines.push(`${line}${id}${this.suffix}`);
    this.rowCount++;
    if (this.lines.length >= this.loader.chunkRows) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    const lines = this.lines;
    this.lines = [];
    await Replica.copyCsv(this.loader.tx, entities[this.entity].table, this.columns, `${lines.join('\n')}\n`);
    this.loader.copied(lines.length);
  }
}

export interface CopyLoaderOptions {
  tx: ReplicaTx;
  tenantId: string;
  hlc: string;
  /** Rows per COPY statement: bounds the memory a load holds at once. */
  chunkRows: number;
  onCopied?: (rows: number) => void;
}

/** Loads generated rows into several tables inside one bulk-load transaction. */
export class CopyLoader {
  readonly tx: ReplicaTx;
  readonly tenantId: string;
  readonly hlc: string;
  readonly chunkRows: number;
  private readonly tables: { entity: EntityName; rowCount: number; flush(): Promise<void> }[] = [];

  constructor(private readonly options: CopyLoaderOptions) {
    this.tx = options.tx;
    this.tenantId = options.tenantId;
    this.hlc = options.hlc;
    this.chunkRows = options.chunkRows;
  }

  table<E extends EntityName>(entity: E, fields: readonly FieldOf<E>[]): TableCopy<E> {
    const table = new TableCopy(this, entity, fields);
    this.tables.push(table);
    return table;
  }

  copied(rows: number): void {
    this.options.onCopied?.(rows);
  }

  /** Loads every buffered row; returns the row count per table. */
  async finish(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of this.tables) {
      await table.flush();
      counts[table.entity] = (counts[table.entity] ?? 0) + table.rowCount;
    }
    return counts;
  }
}
