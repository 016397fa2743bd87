import { formatDate } from './value-text';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** How long ago `iso` was, in a few words: "just now", "2 min ago", "3 h ago", "5 days ago", "3 May 2026". */
export function timeAgo(iso: string, now: number): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const elapsed = Math.max(0, now - then);
  if (elapsed < 45_000) return 'just now';
  if (elapsed < hour) return `${Math.max(1, Math.round(elapsed / minute))} min ago`;
  if (elapsed < 48 * hour) return `${Math.round(elapsed / hour)} h ago`;
  if (elapsed < 30 * day) return `${Math.round(elapsed / day)} days ago`;
  return `on ${formatDate(iso)}`;
}
