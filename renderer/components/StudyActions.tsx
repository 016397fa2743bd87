import { memo } from 'react';
import { TimepointPicker } from './TimepointPicker';

interface StudyActionsProps {
  studyId: string;
  timepoint: string | null;
  onTimepointChange(timepoint: string | null): void;
  timepointLoading: boolean;
  notebookOpen: boolean;
  onNotebookToggle(): void;
  /** Plots, variables and timepoints where devices recorded different values. */
  conflictCount: number;
  reviewing: boolean;
  onReviewToggle(): void;
}

/** Beside the study's name: the timepoint being recorded, the notebook, and differences to review. */
export const StudyActions = memo(function StudyActions(props: StudyActionsProps) {
  const { studyId, timepoint, onTimepointChange, timepointLoading, notebookOpen, onNotebookToggle, conflictCount, reviewing, onReviewToggle } = props;
  return (
    <div className="study-actions">
      <TimepointPicker studyId={studyId} timepoint={timepoint} onChange={onTimepointChange} loading={timepointLoading} />
      <button
        type="button"
        className={`button button-small${notebookOpen ? ' button-selected' : ''}`}
        aria-pressed={notebookOpen}
        onClick={onNotebookToggle}
        data-testid="notebook-toggle"
      >
        Notebook
      </button>
      {conflictCount > 0 || reviewing ? (
        <button
          type="button"
          className={`button button-small conflict-link${reviewing ? ' button-selected' : ''}`}
          aria-pressed={reviewing}
          onClick={onReviewToggle}
          data-testid="conflicts-link"
        >
          Differences to review ({conflictCount})
        </button>
      ) : null}
    </div>
  );
});
