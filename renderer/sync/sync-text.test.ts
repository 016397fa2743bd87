import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../common/api-contract';
import { timeAgo } from '../format/relative-time';
import { firstSentence, indicatorDetail, pendingText, statusHeadline } from './sync-text';

const base: SyncStatus = {
  state: 'online',
  serverUrl: 'https://sync.example.org',
  lastSyncAt: '2026-05-14T10:00:00Z',
  pending: 0,
  rejected: 0,
  pullProgress: null,
  error: null,
};
const at = (iso: string): number => new Date(iso).getTime();

describe('sync texts', () => {
  it('says how long ago the last sync was in a few words', () => {
    expect(timeAgo('2026-05-14T10:00:00Z', at('2026-05-14T10:00:20Z'))).toBe('just now');
    expect(timeAgo('2026-05-14T10:00:00Z', at('2026-05-14T10:02:10Z'))).toBe('2 min ago');
    expect(timeAgo('2026-05-14T10:00:00Z', at('2026-05-14T13:10:00Z'))).toBe('3 h ago');
    expect(timeAgo('2026-05-14T10:00:00Z', at('2026-05-20T10:00:00Z'))).toBe('6 days ago');
  });

  it('counts waiting changes in words', () => {
    expect(pendingText(0)).toBe('Nothing waiting to sync');
    expect(pendingText(1)).toBe('1 change waiting to sync');
    expect(indicatorDetail({ ...base, state: 'offline', pending: 3 })).toBe('3 changes waiting to sync');
    expect(statusHeadline({ ...base, state: 'offline', pending: 1 })).toBe('1 change is kept on this computer and will be sent when the server can be reached.');
    expect(statusHeadline({ ...base, rejected: 2 })).toContain('The refused changes below need your decision');
  });

  it('shows the progress of a large pull and the first sentence of an error', () => {
    expect(indicatorDetail({ ...base, state: 'syncing', pullProgress: { received: 15000 } })).toMatch(/^Received 15.000 records$/);
    expect(indicatorDetail({ ...base, state: 'syncing', pullProgress: { received: 500, total: 2000 } })).toMatch(/^Received 500 of 2.000 records$/);
    expect(firstSentence('This device was revoked. Ask your administrator.')).toBe('This device was revoked.');
    expect(firstSentence('The server at https://a.b.org is down')).toBe('The server at https://a.b.org is down');
  });
});
