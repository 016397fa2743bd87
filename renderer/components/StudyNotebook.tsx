import { NotePanel } from './NotePanel';

/** The study's notebook beside the plots: one shared note for the whole study, edited while recording. */
export function StudyNotebook({ studyId, studyName, onClose }: { studyId: string; studyName: string; onClose(): void }) {
  return (
    <aside className="study-notebook" aria-label="Study notebook" data-testid="study-notebook">
      <div className="study-notebook-header">
        <h2>Notebook</h2>
        <button type="button" className="button button-small button-ghost" onClick={onClose} aria-label="Close the notebook">
          Close
        </button>
      </div>
      <NotePanel
        key={studyId}
        subject={{ subjectKind: 'study', subjectId: studyId }}
        label={`Notebook of ${studyName}`}
        placeholder="Weather, visits, what was done in the field and what to do next"
        testId="study-notebook-text"
      />
    </aside>
  );
}
