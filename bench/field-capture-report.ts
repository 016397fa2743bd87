// Figures of the field capture bench: percentiles, the load average beside each figure, and the
// table that says for each target whether it is met.
import { loadavg } from 'node:os';

export interface Figure {
  name: string;
  value: string;
  /** The target, as issue 4 states it ('' when the figure is context only). */
  target: string;
  /** Whether the target is met; null for a context figure. */
  met: boolean | null;
  /** The 1-minute load average when the figure was taken: the machine is shared. */
  load: string;
  note: string;
}

const out = process.stdout;

export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const ms = (n: number, digits = 0): string => `${fmt(n, digits)} ms`;

/** The 1-, 5- and 15-minute load averages and the core count, e.g. "4.1 / 3.9 / 3.8 on 2 cores". */
export function loadText(): string {
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return `${one.toFixed(1)} / ${five.toFixed(1)} / ${fifteen.toFixed(1)}`;
}

export const loadNow = (): string => (loadavg()[0] ?? 0).toFixed(1);

export function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  min: number;
}

export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    min: sorted[0] ?? Number.NaN,
  };
}

export const median = (samples: readonly number[]): number => summarise(samples).p50;

export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

/** A figure without a target. */
export function context(name: string, value: string, note = ''): Figure {
  return { name, value, target: '', met: null, load: loadNow(), note };
}

/** A figure measured against a target of at most `limitMs`. */
export function againstTarget(name: string, valueMs: number, limitMs: number, note = '', digits = 0): Figure {
  return { name, value: ms(valueMs, digits), target: `< ${fmt(limitMs)} ms`, met: valueMs < limitMs, load: loadNow(), note };
}

export function printTable(title: string, figures: readonly Figure[]): void {
  const width = (pick: (f: Figure) => string, header: string): number => Math.max(header.length, ...figures.map((f) => pick(f).length));
  const verdict = (f: Figure): string => (f.met === null ? '' : f.met ? 'met' : 'MISSED');
  const w = {
    name: width((f) => f.name, 'figure'),
    value: width((f) => f.value, 'value'),
    target: width((f) => f.target, 'target'),
    met: width(verdict, 'met?'),
    load: width((f) => f.load, 'load'),
  };
  const line = (cells: [string, string, string, string, string, string]): string =>
    `  ${cells[0].padEnd(w.name)}  ${cells[1].padStart(w.value)}  ${cells[2].padEnd(w.target)}  ${cells[3].padEnd(w.met)}  ${cells[4].padStart(w.load)}  ${cells[5]}`.trimEnd();
  out.write(`\n${title} (load average now ${loadText()})\n`);
  out.write(`${line(['figure', 'value', 'target', 'met?', 'load', 'note'])}\n`);
  for (const f of figures) out.write(`${line([f.name, f.value, f.target, verdict(f), f.load, f.note])}\n`);
}

export function say(text: string): void {
  out.write(`${text}\n`);
}
