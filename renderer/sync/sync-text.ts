import type { SyncStatus } from '../../common/api-contract';
import { timeAgo } from '../format/relative-time';
import { formatCount } from '../format/value-text';

/** "1 change", "1,204 changes". */
export function changesText(count: number): string {
  return count === 1 ? '1 change' : `${formatCount(count)} changes`;
}

/** What waits on this computer, in words: "1 change waiting to sync". */
export function pendingText(pending: number): string {
  return pending === 0 ? 'Nothing waiting to sync' : `${changesText(pending)} waiting to sync`;
}

/** The state in one or two words, for the indicator and the Sync screen. */
export function stateLabel(status: SyncStatus): string {
  switch (status.state) {
    case 'not-connected':
      return 'Not connected';
    case 'connecting':
      return 'Connecting…';
    case 'syncing':
      return 'Syncing…';
    case 'online':
      return 'Online';
    case 'offline':
      return 'Offline';
    case 'error':
      return 'Sync stopped';
  }
}

/** When the station last exchanged everything with the server: "synced 2 min ago" (offline: "last synced …"). */
export function lastSyncText(status: SyncStatus, now: number): string {
  if (!status.lastSyncAt) return 'not synced yet';
  return `${status.state === 'online' ? 'synced' : 'last synced'} ${timeAgo(status.lastSyncAt, now)}`;
}

/** How far a large pull has come: "Received 5,000 records" or "Received 5,000 of 20,000 records". */
export function progressText(progress: NonNullable<SyncStatus['pullProgress']>): string {
  const of = progress.total ? ` of ${formatCount(progress.total)}` : '';
  return `Received ${formatCount(progress.received)}${of} records`;
}

/** The first sentence of a message, for places too small for all of it. */
export function firstSentence(message: string): string {
  const end = message.search(/[.!?](\s|$)/);
  return end < 0 ? message : message.slice(0, end + 1);
}

/** The indicator's second line: what is happening or waiting, in words. */
export function indicatorDetail(status: SyncStatus): string {
  switch (status.state) {
    case 'not-connected':
      return 'Kept on this computer only';
    case 'connecting':
      return status.pending > 0 ? pendingText(status.pending) : 'Reaching the server';
    case 'syncing':
      if (status.pullProgress) return progressText(status.pullProgress);
      return status.pending > 0 ? `Sending ${changesText(status.pending)}` : 'Checking for new data';
    case 'online':
      if (status.pending > 0) return pendingText(status.pending);
      return status.rejected > 0 ? 'Everything else sent' : 'Everything sent';
    case 'offline':
      return pendingText(status.pending);
    case 'error':
      return status.error ? firstSentence(status.error) : 'Open Sync to see why';
  }
}

/** The Sync screen's headline: where things stand, and what it means for the user's work. */
export function statusHeadline(status: SyncStatus): string {
  switch (status.state) {
    case 'not-connected':
      return 'This station is not connected to a server.';
    case 'connecting':
      return 'Connecting to the server…';
    case 'syncing':
      if (status.pullProgress) return 'Receiving data from the server…';
      return status.pending > 0 ? `Sending ${changesText(status.pending)} to the server…` : 'Checking the server for new data…';
    case 'online':
      if (status.pending > 0) return `${changesText(status.pending)} ${status.pending === 1 ? 'is' : 'are'} being sent.`;
      return status.rejected > 0
        ? 'Everything else recorded on this station has reached the server. The refused changes below need your decision.'
        : 'Everything recorded on this station has reached the server.';
    case 'offline':
      return status.pending === 0
        ? 'The server cannot be reached right now. Keep working: new changes are kept on this computer until it can.'
        : `${changesText(status.pending)} ${status.pending === 1 ? 'is' : 'are'} kept on this computer and will be sent when the server can be reached.`;
    case 'error':
      return 'Your work is kept on this computer.';
  }
}
