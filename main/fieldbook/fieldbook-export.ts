import { AppError } from '../../common/errors';
import type { ScaleType } from '../../common/vocabulary';
import { csvCell, csvRow, type FormulaGuard } from './csv-writing';
import type { PlotDraft } from './field-file';
import { fieldBookTimestampWriter, isoEpochMs } from './fieldbook-time';

export interface ExportPlot extends Omit<PlotDraft, 'geometry'> {
  /** Any GeoJSON geometry; a Point is written to geo_coordinates as "lat;lon". */
  geometry: { type: string; coordinates?: unknown } | null;
}

export interface ExportVariable {
  name: string;
  scaleType: ScaleType;
  unit?: string | null;
  minimum?: number | null;
  maximum?: number | null;
  categories?: { value: string; label: string }[] | null;
  description?: string | null;
}

export interface ExportObservation {
  unitUniqueId: string;
  variableName: string;
  value: string;
  /** ISO 8601 instant, with its offset (or Z). */
  observedAt: string;
  collectorName: string | null;
  deviceName: string | null;
  timepoint: string | null;
  /** Where the device was, "lat;lon", if known. */
  location?: string | null;
  photo?: string | null;
  video?: string | null;
  audio?: string | null;
}

export interface CsvExportOptions {
  /** Header of the unique id column (the first column); Field Book's default is plot_id. */
  uniqueIdColumn?: string;
  /** Plot columns after the unique id, by name: an attribute's name, or plot, row, column, rep, block, germplasm, entry, barcode, geo_coordinates. */
  plotColumns?: readonly string[];
  /** IANA zone for the timestamps' wall time; by default each observedAt keeps its own offset. */
  timeZone?: string;
  /** See csv-writing.ts; 'quote-prefix' unless the file is for a program rather than a spreadsheet. */
  formulaGuard?: FormulaGuard;
  /** Database format: add a trailing timepoint column ('auto': when any observation has one). */
  timepointColumn?: 'auto' | 'always' | 'never';
  /** Start with a UTF-8 byte order mark so Excel on Windows reads accents right. Field Book writes none. */
  byteOrderMark?: boolean;
}

export const databaseFormatColumns = [
  'trait', 'value', 'timestamp', 'person', 'location', 'number', 'attached_photo', 'attached_video', 'attached_audio', 'device_name',
] as const;

const standardColumns: Record<string, (plot: ExportPlot) => string> = {
  plot: (p) => String(p.plotNumber),
  plot_number: (p) => String(p.plotNumber),
  row: (p) => (p.row === null ? '' : String(p.row)),
  column: (p) => (p.column === null ? '' : String(p.column)),
  col: (p) => (p.column === null ? '' : String(p.column)),
  rep: (p) => (p.replicate === null ? '' : String(p.replicate)),
  replicate: (p) => (p.replicate === null ? '' : String(p.replicate)),
  block: (p) => (p.block === null ? '' : String(p.block)),
  germplasm: (p) => p.germplasmName ?? '',
  germplasm_name: (p) => p.germplasmName ?? '',
  accession: (p) => p.germplasmName ?? '',
  entry: (p) => (p.entryNumber === null ? '' : String(p.entryNumber)),
  entry_number: (p) => (p.entryNumber === null ? '' : String(p.entryNumber)),
  barcode: (p) => p.barcode ?? '',
  geo_coordinates: (p) => {
    const c = p.geometry?.type === 'Point' ? p.geometry.coordinates : null;
    return Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number' ? `${c[1]};${c[0]}` : '';
  },
};

/** A plot's value for an export column: its attribute of that name first (as imported), else a standard column. */
export function plotColumnValue(plot: ExportPlot, column: string): string {
  const attribute = plot.attributes[column];
  if (attribute !== undefined) return attribute;
  return standardColumns[column.toLowerCase()]?.(plot) ?? '';
}

interface Prepared {
  guard: FormulaGuard;
  /** Per plot: its unique id and plot columns, already written as CSV. */
  prefixes: string[];
  header: string[];
  /** Observation indexes grouped by plot: plot p's are order[starts[p] .. starts[p + 1]), by variable order then time. */
  order: Int32Array;
  starts: Int32Array;
  variableOf: Int32Array;
  epochMs: Float64Array;
}

function prepare(plots: readonly ExportPlot[], variables: readonly ExportVariable[], observations: readonly ExportObservation[], options: CsvExportOptions): Prepared {
  const guard = options.formulaGuard ?? 'quote-prefix';
  const plotColumns = options.plotColumns ?? [];
  const plotIndexes = new Map(plots.map((p, i) => [p.uniqueId, i]));
  const variableIndexes = new Map(variables.map((v, i) => [v.name, i]));
  const count = observations.length;
  const plotOf = new Int32Array(count);
  const variableOf = new Int32Array(count);
  const epochMs = new Float64Array(count);
  const starts = new Int32Array(plots.length + 1);
  for (let i = 0; i < count; i++) {
    const obs = observations[i];
    if (!obs) continue;
    const plot = plotIndexes.get(obs.unitUniqueId);
    if (plot === undefined) {
      throw new AppError('validation', `An observation belongs to plot "${obs.unitUniqueId}", which is not in the export. Include its plot or leave the observation out.`);
    }
    const variable = variableIndexes.get(obs.variableName);
    if (variable === undefined) {
      throw new AppError('validation', `An observation is of "${obs.variableName}", which is not among the exported variables.`);
    }
    const ms = isoEpochMs(obs.observedAt);
    if (Number.isNaN(ms)) throw new AppError('validation', `"${obs.observedAt}" is not a valid observation time.`, { field: 'observedAt' });
    plotOf[i] = plot;
    variableOf[i] = variable;
    epochMs[i] = ms;
    starts[plot + 1] = (starts[plot + 1] ?? 0) + 1;
  }
  for (let p = 0; p < plots.length; p++) starts[p + 1] = (starts[p + 1] ?? 0) + (starts[p] ?? 0);
  const order = new Int32Array(count);
  const filled = starts.slice(0, plots.length);
  for (let i = 0; i < count; i++) {
    const p = plotOf[i] ?? 0;
    order[filled[p] ?? 0] = i;
    filled[p] = (filled[p] ?? 0) + 1;
  }
  const byVariableThenTime = (a: number, b: number): number =>
    (variableOf[a] ?? 0) - (variableOf[b] ?? 0) || (epochMs[a] ?? 0) - (epochMs[b] ?? 0) || a - b;
  for (let p = 0; p < plots.length; p++) {
    const from = starts[p] ?? 0;
    const to = starts[p + 1] ?? 0;
    if (to - from > 1) order.subarray(from, to).sort(byVariableThenTime);
  }
  const prefixes = plots.map((p) => csvRow([p.uniqueId, ...plotColumns.map((c) => plotColumnValue(p, c))], guard));
  return { guard, prefixes, header: [options.uniqueIdColumn ?? 'plot_id', ...plotColumns], order, starts, variableOf, epochMs };
}

/**
 * Collects lines and joins them a thousand at a time: short-lived line strings then die young
 * instead of being promoted with the whole list (for 100,000 rows this cuts the export time by half
 * or more, most of it garbage collection).
 */
class LineBuffer {
  private readonly chunks: string[] = [];
  private lines: string[] = [];

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length === 1000) {
      this.chunks.push(this.lines.join('\n'));
      this.lines = [];
    }
  }

  finish(options: CsvExportOptions): string {
    if (this.lines.length > 0) this.chunks.push(this.lines.join('\n'));
    return (options.byteOrderMark ? '\uFEFF' : '') + this.chunks.join('\n') + '\n';
  }
}

/** csvCell for the columns whose values repeat (people, devices, timepoints): each distinct value is escaped once. */
function repeatedCells(guard: FormulaGuard): (value: string | null | undefined) => string {
  const cache = new Map<string, string>();
  return (value) => {
    if (!value) return '';
    let cell = cache.get(value);
    if (cell === undefined) {
      cell = csvCell(value, guard);
      if (cache.size < 10_000) cache.set(value, cell);
    }
    return cell;
  };
}

/**
 * Field Book's "database" format: one row per observation, the plot's columns first (unique id,
 * then `plotColumns`), then trait, value, timestamp, person, location, number (the nth distinct
 * timepoint of that trait on that plot, counted in time order, as Field Book counts repeated
 * measures), the attached media and the device. Timepoint labels ride in a trailing column so our
 * own import gets them back.
 */
export function exportDatabaseFormat(
  plots: readonly ExportPlot[],
  variables: readonly ExportVariable[],
  observations: readonly ExportObservation[],
  options: CsvExportOptions = {},
): string {
  const { guard, prefixes, header, order, starts, variableOf, epochMs } = prepare(plots, variables, observations, options);
  const mode = options.timepointColumn ?? 'auto';
  const withTimepoint = mode === 'always' || (mode === 'auto' && observations.some((o) => o.timepoint !== null && o.timepoint !== ''));
  const lines = new LineBuffer();
  lines.push(csvRow([...header, ...databaseFormatColumns, ...(withTimepoint ? ['timepoint'] : [])], guard));
  const names = variables.map((v) => csvCell(v.name, guard));
  const timestamp = fieldBookTimestampWriter(options.timeZone);
  const repeated = repeatedCells(guard);
  for (let p = 0; p < plots.length; p++) {
    const prefix = prefixes[p] ?? '';
    let currentVariable = -1;
    let numbers = new Map<string | null, number>();
    for (let k = starts[p] ?? 0; k < (starts[p + 1] ?? 0); k++) {
      const i = order[k] ?? 0;
      const obs = observations[i];
      const variable = variableOf[i] ?? 0;
      if (!obs) continue;
      if (variable !== currentVariable) {
        currentVariable = variable;
        numbers = new Map();
      }
      let number = numbers.get(obs.timepoint);
      if (number === undefined) {
        number = numbers.size + 1;
        numbers.set(obs.timepoint, number);
      }
      let line =
        `${prefix},${names[variable]},${csvCell(obs.value, guard)},${timestamp(obs.observedAt, epochMs[i])},` +
        `${repeated(obs.collectorName)},${repeated(obs.location)},${number},` +
        `${csvCell(obs.photo ?? '', guard)},${csvCell(obs.video ?? '', guard)},${csvCell(obs.audio ?? '', guard)},${repeated(obs.deviceName)}`;
      if (withTimepoint) line += `,${repeated(obs.timepoint)}`;
      lines.push(line);
    }
  }
  return lines.finish(options);
}

/**
 * Field Book's "table" format: one row per plot (every plot, observed or not), the plot's columns,
 * then one column per variable holding its latest value on that plot (latest by observation time,
 * across timepoints).
 */
export function exportTableFormat(
  plots: readonly ExportPlot[],
  variables: readonly ExportVariable[],
  observations: readonly ExportObservation[],
  options: CsvExportOptions = {},
): string {
  const { guard, prefixes, header, order, starts, variableOf, epochMs } = prepare(plots, variables, observations, options);
  const lines = new LineBuffer();
  lines.push(csvRow([...header, ...variables.map((v) => v.name)], guard));
  const latest = new Array<string>(variables.length);
  const latestMs = new Float64Array(variables.length);
  for (let p = 0; p < plots.length; p++) {
    latest.fill('');
    latestMs.fill(-Infinity);
    for (let k = starts[p] ?? 0; k < (starts[p + 1] ?? 0); k++) {
      const i = order[k] ?? 0;
      const variable = variableOf[i] ?? 0;
      const ms = epochMs[i] ?? 0;
      if (ms >= (latestMs[variable] ?? -Infinity)) {
        latestMs[variable] = ms;
        latest[variable] = observations[i]?.value ?? '';
      }
    }
    const prefix = prefixes[p] ?? '';
    lines.push(variables.length === 0 ? prefix : `${prefix},${csvRow(latest, guard)}`);
  }
  return lines.finish(options);
}
