import type { SyncStatus } from '../../common/api-contract';
import type { ApiCallError } from '../api/api-call-error';
import { useApiData } from '../api/use-api-data';
import { useApiEvent } from '../api/use-api-event';

export interface SyncStatusData {
  status: SyncStatus | null;
  error: ApiCallError | null;
  reload(): void;
}

/**
 * The open station's sync status: asked once, then kept current by `sync:status` events (a load
 * that started before an event does not undo it), and asked again when a station opens or closes.
 */
export function useSyncStatus(): SyncStatusData {
  const query = useApiData('sync:get-status', {}, []);
  useApiEvent('sync:status', (status) => query.patch(() => status));
  useApiEvent('app:status', () => query.reload());
  return { status: query.data, error: query.error, reload: query.reload };
}
