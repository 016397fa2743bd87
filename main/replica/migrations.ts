import schemaV1 from './migrations/001-schema.sql?raw';
import changeHistory from './migrations/002-change-history.sql?raw';
import serverKeepsCrossRowRules from './migrations/003-server-keeps-cross-row-rules.sql?raw';
import stockCounts from './migrations/004-stock-counts.sql?raw';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/** Every replica migration, bundled into the build; append only, never edit one that has shipped. */
export const replicaMigrations: readonly Migration[] = [
  { id: 1, name: '001-schema', sql: schemaV1 },
  { id: 2, name: '002-change-history', sql: changeHistory },
  { id: 3, name: '003-server-keeps-cross-row-rules', sql: serverKeepsCrossRowRules },
  { id: 4, name: '004-stock-counts', sql: stockCounts },
];

