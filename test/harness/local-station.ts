import type { StationSummary } from '../../common/api-contract';
import { newId } from '../../common/ids';
import { createLogger } from '../../main/logger';
import { stationFolder, writeStationFile } from '../../main/stations/station-files';
import { StationSession } from '../../main/stations/station-session';

export const quietLogger = createLogger('test', 'silent');

/** Creates (or reopens) a local station in `dataFolder`, as the app does. */
export async function openLocalStation(dataFolder: string, station?: StationSummary): Promise<StationSession> {
  const summary = station ?? { id: newId(), name: 'Test station', origin: 'local' as const, createdAt: new Date().toISOString() };
  if (!station) await writeStationFile(dataFolder, summary);
  return StationSession.open(stationFolder(dataFolder, summary.id), summary, { logger: quietLogger });
}

/** One study with one plot and a numeric variable (Plant height, 0–250 cm), for recording tests. */
export async function seedMinimalStudy(session: StationSession): Promise<{ studyId: string; unitId: string; variableId: string }> {
  const trialId = newId();
  const studyId = newId();
  const unitId = newId();
  const variableId = newId();
  await session.write([
    { entity: 'trials', operation: 'insert', rowId: trialId, fields: { name: 'Durability trial' } },
    { entity: 'studies', operation: 'insert', rowId: studyId, fields: { trial_id: trialId, name: 'Study A' } },
    {
      entity: 'observation_variables',
      operation: 'insert',
      rowId: variableId,
      fields: { name: 'Plant height', trait: 'Plant height', scale_type: 'numeric', unit: 'cm', minimum: 0, maximum: 250, decimal_places: 1 },
    },
    { entity: 'study_variables', operation: 'insert', rowId: newId(), fields: { study_id: studyId, variable_id: variableId, position: 1 } },
    { entity: 'observation_units', operation: 'insert', rowId: unitId, fields: { study_id: studyId, kind: 'plot', plot_number: 101 } },
  ]);
  return { studyId, unitId, variableId };
}
