import type { SyncStatus } from '../../common/api-contract';

interface SyncProgressProps {
  progress: NonNullable<SyncStatus['pullProgress']>;
  label: string;
  className: string;
}

/** A thin bar for a large pull: how far it is when the total is known, moving otherwise. */
export function SyncProgress({ progress, label, className }: SyncProgressProps) {
  if (progress.total) {
    return <progress className={`${className} sync-progress`} value={Math.min(progress.received, progress.total)} max={progress.total} aria-label={label} />;
  }
  return <span className={`${className} progress-indeterminate`} role="progressbar" aria-label={label} />;
}
