import type { HandlerModule } from '../api/handler-registry';

export const syncHandlers: HandlerModule = {
  'sync:get-status': async (_args, { services }) => services.currentSyncStatus,
  'sync:connect': (args, { services }) => services.connectToServer(args.serverUrl, args.code),
  'sync:sync-now': (_args, { services }) => services.syncNow(),
};
