import type { HandlerModule } from '../api/handler-registry';
import { resolveConflict, undoObservation } from './correct-observation';
import { listConflicts, observationHistory, studyTimepoints } from './observation-history';
import { recordObservation } from './record-observation';

export const observationHandlers: HandlerModule = {
  'observations:record': (args, { services }) => recordObservation(services.requireSession(), args),
  'observations:history': (args, { services }) => observationHistory(services.requireSession().replica, args.unitId, args.variableId, args.timepoint),
  'observations:undo': (args, { services }) => undoObservation(services.requireSession(), args),
  'observations:list-conflicts': (args, { services }) => listConflicts(services.requireSession().replica, args.studyId),
  'observations:resolve-conflict': (args, { services }) => resolveConflict(services.requireSession(), args),
  'observations:list-timepoints': (args, { services }) => studyTimepoints(services.requireSession().replica, args.studyId),
};
