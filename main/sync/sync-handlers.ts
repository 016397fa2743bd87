import type { HandlerModule } from '../api/handler-registry';
import { recordHistory } from './record-history';
import { discardRejected, listRejected, resendRejected } from './rejected-changes';

export const syncHandlers: HandlerModule = {
  'sync:get-status': async (_args, { services }) => services.currentSyncStatus,
  'sync:connect': (args, { services }) => services.connectToServer(args.serverUrl, args.code),
  'sync:sync-now': (_args, { services }) => services.syncNow(),
  'sync:list-rejected': (_args, { services }) => listRejected(services.requireSession()),
  'sync:discard-rejected': async (args, { services }) => {
    await discardRejected(services.requireSession(), services.syncAddress, args.changeId);
    await services.syncNow();
    return null;
  },
  'sync:resend-rejected': async (args, { services }) => {
    await resendRejected(services.requireSession(), args.changeId, args.fields);
    await services.syncNow();
    return null;
  },
  'records:history': (args, { services }) => recordHistory(services.requireSession().replica, args.entity, args.rowId),
};
