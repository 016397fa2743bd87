import { Spinner } from './Spinner';

/** Shown while a screen's data loads for the first time. */
export function LoadingState({ label }: { label: string }) {
  return (
    <div className="loading-state" role="status">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}
