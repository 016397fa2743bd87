import type { Logger } from '../logger';
import { fieldbookHandlers } from '../fieldbook/fieldbook-handlers';
import { noteHandlers } from '../notes/note-handlers';
import { observationHandlers } from '../observations/observation-handlers';
import { stationHandlers } from '../stations/station-handlers';
import { countHandlers, locationHandlers, stockHandlers } from '../stock/stock-handlers';
import { syncHandlers } from '../sync/sync-handlers';
import { trialHandlers } from '../trials/trial-handlers';
import { createRegistry, type Registry } from './handler-registry';

/** Every domain's handlers, combined once. */
export function createAppRegistry(logger: Logger): Registry {
  return createRegistry(
    [stationHandlers, trialHandlers, observationHandlers, syncHandlers, noteHandlers, fieldbookHandlers, stockHandlers, countHandlers, locationHandlers],
    logger,
  );
}
