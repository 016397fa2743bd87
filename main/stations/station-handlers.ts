import type { HandlerModule } from '../api/handler-registry';
import { currentUser, listGermplasm } from './station-people';

export const stationHandlers: HandlerModule = {
  'app:get-info': async (_args, { services }) => ({
    version: services.options.version,
    mode: services.options.mode,
    dataFolder: services.options.dataFolder,
    openStationId: services.openStation?.id ?? null,
  }),
  'stations:list': (_args, { services }) => services.listStations(),
  'stations:create-demo': (_args, { services }) => services.createStation('Demo Station', 'demo'),
  'stations:create-empty': (args, { services }) => services.createStation(args.name, 'local'),
  'stations:open': (args, { services }) => services.openStationById(args.stationId),
  'stations:current-user': (_args, { services }) => currentUser(services.requireSession()),
  'germplasm:list': (_args, { services }) => listGermplasm(services.requireSession()),
  'stations:close': async (_args, { services }) => {
    await services.closeStation();
    return null;
  },
};
