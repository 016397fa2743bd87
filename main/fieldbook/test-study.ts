import type { ExportObservation, ExportPlot, ExportVariable } from './fieldbook-export';

/** A small study with the values that break careless CSV: commas, quotes, line breaks, formulas, accents. */
export const plots: ExportPlot[] = [1, 2, 3].map((n) => ({
  uniqueId: `FS-000${n}`,
  plotNumber: 100 + n,
  row: 1,
  column: n,
  replicate: n === 3 ? 2 : 1,
  block: null,
  germplasmName: n === 2 ? 'Nekota, sel. "B"' : 'Kharkof',
  entryNumber: n,
  barcode: null,
  attributes: { pedigree: n === 1 ? '=KS87/ARAPAHOE' : 'Trego', tray_id: `TRAY${n}` },
  geometry: n === 1 ? { type: 'Point', coordinates: [-73.5673, 45.5017] } : null,
}));

export const variables: ExportVariable[] = [
  { name: 'height', scaleType: 'numeric', unit: 'cm', minimum: 0, maximum: 300 },
  { name: 'notes', scaleType: 'text' },
  { name: 'rust, leaf', scaleType: 'text' },
  { name: 'canopy ΔT', scaleType: 'numeric', unit: '°C' },
];

export const observations: ExportObservation[] = [
  { unitUniqueId: 'FS-0002', variableName: 'notes', value: 'lodged, after "storm"\nsecond line', observedAt: '2026-06-01T09:00:00.000Z', collectorName: 'Zoë Müller', deviceName: 'tab-03', timepoint: '14 DAS' },
  { unitUniqueId: 'FS-0001', variableName: 'height', value: '18.5', observedAt: '2026-06-01T08:00:00.000Z', collectorName: 'Ana', deviceName: 'tab-01', timepoint: '14 DAS' },
  { unitUniqueId: 'FS-0001', variableName: 'height', value: '42', observedAt: '2026-06-15T08:00:00.000Z', collectorName: 'Ana', deviceName: 'tab-01', timepoint: '28 DAS' },
  { unitUniqueId: 'FS-0001', variableName: 'height', value: '43', observedAt: '2026-06-15T08:05:00.000Z', collectorName: null, deviceName: null, timepoint: '28 DAS' },
  { unitUniqueId: 'FS-0001', variableName: 'notes', value: '=HYPERLINK("http://x","y")', observedAt: '2026-06-01T08:01:00.000Z', collectorName: 'Ana', deviceName: 'tab-01', timepoint: '14 DAS' },
  { unitUniqueId: 'FS-0003', variableName: 'canopy ΔT', value: '-5', observedAt: '2026-06-01T10:00:00.000Z', collectorName: 'Ana', deviceName: 'tab-01', timepoint: null },
  { unitUniqueId: 'FS-0003', variableName: 'notes', value: "'@not a formula", observedAt: '2026-06-01T10:00:01.000Z', collectorName: 'Ana', deviceName: 'tab-01', timepoint: null },
  { unitUniqueId: 'FS-0003', variableName: 'rust, leaf', value: '20MR/40S', observedAt: '2026-06-01T10:00:02.000Z', collectorName: 'Ana', deviceName: 'tab-01', timepoint: null },
];
