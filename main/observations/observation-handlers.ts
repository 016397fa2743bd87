import type { HandlerModule } from '../api/handler-registry';
import { recordObservation } from './record-observation';

export const observationHandlers: HandlerModule = {
  'observations:record': (args, { services }) => recordObservation(services.requireSession(), args),
};
