import centralSchemaV1 from './migrations/001-central-schema.sql?raw';
import stockCounts from './migrations/002-stock-counts.sql?raw';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/** Every central migration, bundled into the build; append only, never edit one that has shipped. */
export const centralMigrations: readonly Migration[] = [
  { id: 1, name: '001-central-schema', sql: centralSchemaV1 },
  { id: 2, name: '002-stock-counts', sql: stockCounts },
];
