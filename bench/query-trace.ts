// Where a service's time goes: wraps a replica's reads and writes (on that one instance, for the
// length of a measurement) and sums the time per SQL statement, so a slow figure names its SQL.
import type { Replica, ReplicaTx } from '../main/replica/replica';
import { fmt, ms, say } from './field-capture-report';

export interface StatementTime {
  /** The statement's first words and its outermost FROM, whitespace collapsed. */
  label: string;
  count: number;
  ms: number;
  /** The slowest call of it, to explain: its SQL and parameters (null inside a write). */
  slowest: { sql: string; params: unknown[]; ms: number } | null;
}

export interface QueryTrace {
  /** Stops tracing (puts the replica's own methods back) and answers the statements, slowest first. */
  stop(): StatementTime[];
}

/** Where the statement's own FROM is (not a subquery's), or -1. */
function outerFrom(flat: string): number {
  let depth = 0;
  for (let i = 0; i < flat.length; i++) {
    const c = flat[i];
    if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if (depth === 0 && c === ' ' && flat.slice(i, i + 6).toUpperCase() === ' FROM ') return i;
  }
  return -1;
}

/** The statement's start and its outermost FROM: "SELECT o.unit_id, v.name AS variable_name… FROM observations o JOIN …". */
export function labelOf(sql: string, length = 100): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  const from = outerFrom(flat);
  const head = flat.slice(0, 40);
  const text = from > 40 ? `${head}…${flat.slice(from, from + length - 41)}` : flat.slice(0, length);
  return text.length < flat.length - (from > 40 ? from - 40 : 0) ? `${text}…` : text;
}

export const commitLabel = '(begin, commit and WAL fsync of each write)';

export function traceReplica(replica: Replica): QueryTrace {
  const times = new Map<string, StatementTime>();
  const add = (label: string, elapsed: number, call: { sql: string; params: unknown[] } | null = null): void => {
    const entry = times.get(label) ?? { label, count: 0, ms: 0, slowest: null };
    entry.count += 1;
    entry.ms += elapsed;
    if (call && elapsed > (entry.slowest?.ms ?? -1)) entry.slowest = { ...call, ms: elapsed };
    times.set(label, entry);
  };
  const query = replica.query.bind(replica);
  const write = replica.write.bind(replica);

  replica.query = async <T extends object>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const started = performance.now();
    try {
      return await query<T>(sql, params);
    } finally {
      add(labelOf(sql), performance.now() - started, { sql, params });
    }
  };
  replica.write = async <T>(tables: string[], work: (tx: ReplicaTx) => Promise<T>): Promise<T> => {
    const started = performance.now();
    let inside = 0;
    const result = await write(tables, async (tx) => {
      const begun = performance.now();
      const traced = new Proxy(tx, {
        get(target, property, receiver) {
          if (property !== 'query') return Reflect.get(target, property, receiver);
          return async (...args: Parameters<ReplicaTx['query']>) => {
            const at = performance.now();
            try {
              return await target.query(...args);
            } finally {
              add(labelOf(args[0]), performance.now() - at);
            }
          };
        },
      });
      try {
        return await work(traced);
      } finally {
        inside += performance.now() - begun;
      }
    });
    add(commitLabel, performance.now() - started - inside);
    return result;
  };

  return {
    stop() {
      // The wrappers are own properties over the class's methods: removing them restores those.
      Reflect.deleteProperty(replica, 'query');
      Reflect.deleteProperty(replica, 'write');
      return [...times.values()].sort((a, b) => b.ms - a.ms);
    },
  };
}

/** The plan of a traced read, as it runs now: EXPLAIN (ANALYZE, BUFFERS) with the same parameters. */
export async function explain(replica: Replica, statement: StatementTime): Promise<string[]> {
  if (!statement.slowest) return [];
  const rows = await replica.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.slowest.sql}`, statement.slowest.params);
  return rows.map((row) => row['QUERY PLAN']);
}

/** Prints a traced call's time in SQL and in JavaScript, and its `top` slowest statements. */
export function statementLines(title: string, statements: readonly StatementTime[], total: number, top = 6): void {
  const sql = statements.reduce((sum, s) => sum + s.ms, 0);
  say(`  ${title}: ${ms(total)} in all, ${ms(sql)} in SQL (${fmt(statements.reduce((n, s) => n + s.count, 0))} statements), ${ms(Math.max(0, total - sql))} in JavaScript`);
  for (const s of statements.slice(0, top)) say(`    ${ms(s.ms).padStart(9)}  ${fmt(s.count).padStart(6)} ×  ${s.label}`);
}
