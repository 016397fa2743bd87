import type { ExportObservation, ExportPlot, ExportVariable } from './fieldbook-export';

export interface ExportStudy {
  id?: string | null;
  name: string;
  trialName?: string | null;
  season?: string | null;
  locationName?: string | null;
}

export const jsonExportFormat = 'field-station.study-export';
export const jsonExportVersion = 1;

/**
 * The study as one JSON document, for programs: study, variables, plots (with attributes and
 * geometry) and observations, each list in the order given. Observation times stay ISO 8601.
 */
export function exportJson(
  study: ExportStudy,
  plots: readonly ExportPlot[],
  variables: readonly ExportVariable[],
  observations: readonly ExportObservation[],
  exportedAt: Date = new Date(),
): string {
  return JSON.stringify({
    format: jsonExportFormat,
    version: jsonExportVersion,
    exportedAt: exportedAt.toISOString(),
    study,
    variables,
    plots,
    observations: observations.map((o) => ({
      unitUniqueId: o.unitUniqueId,
      variableName: o.variableName,
      value: o.value,
      observedAt: o.observedAt,
      timepoint: o.timepoint,
      collectorName: o.collectorName,
      deviceName: o.deviceName,
      location: o.location ?? null,
      photo: o.photo ?? null,
      video: o.video ?? null,
      audio: o.audio ?? null,
    })),
  });
}
