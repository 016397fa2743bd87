import { AppError } from '../../common/errors';
import type { HandlerModule } from '../api/handler-registry';
import { listPlotAttributeNames, listPlotAttributeValues } from './plot-attribute-queries';
import { getStudy, listPlotsWithLatest, listStudies, listTrials } from './trial-queries';
import { getWalkOrder, setWalkOrder } from './walk-order-store';

const studyNotFound = (): AppError =>
  new AppError('not-found', 'That study is not in this station. Go back to the trials list and choose another.', { field: 'studyId' });

export const trialHandlers: HandlerModule = {
  'trials:list': (_args, { services }) => listTrials(services.requireSession().replica),
  'studies:list': (args, { services }) => listStudies(services.requireSession().replica, args.trialId),
  'studies:get': async (args, { services }) => {
    const study = await getStudy(services.requireSession().replica, args.studyId);
    if (!study) throw new AppError('not-found', 'That study is not in this station. Go back to the trials list and choose another.');
    return study;
  },
  'plots:list-with-latest': (args, { services }) => listPlotsWithLatest(services.requireSession().replica, args.studyId, args.timepoint),
  'studies:get-walk-order': (args, { services }) => getWalkOrder(services.requireSession(), args.studyId),
  'plots:list-attribute-names': async (args, { services }) => {
    const names = await listPlotAttributeNames(services.requireSession().replica, args.studyId);
    if (!names) throw studyNotFound();
    return names;
  },
  'plots:list-attribute-values': async (args, { services }) => {
    const values = await listPlotAttributeValues(services.requireSession().replica, args.studyId, args.name);
    if (!values) throw studyNotFound();
    return values;
  },
  'studies:set-walk-order': (args, { services }) => setWalkOrder(services.requireSession(), args.studyId, args.order),
};
