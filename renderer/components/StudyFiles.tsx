import { useState } from 'react';
import { FieldFileImport } from './FieldFileImport';
import { ObservationFileImport } from './ObservationFileImport';
import { StudyExportMenu } from './StudyExportMenu';
import { TraitFileImport } from './TraitFileImport';

/** The study's files: import a Field Book field or trait file or a database export's values, export the study; and what the last of these did. */
export function StudyFiles({ studyId }: { studyId: string }) {
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  return (
    <div className="study-files" role="group" aria-label="Files">
      {/* Always in the page, so screen readers announce each new message. */}
      <p
        className={`study-files-message${message?.failed ? ' study-files-failed' : ''}`}
        role="status"
        title={message?.text}
        data-testid="files-message"
      >
        {message?.text}
      </p>
      <FieldFileImport studyId={studyId} onImported={(text) => setMessage({ text, failed: false })} />
      <TraitFileImport studyId={studyId} onImported={(text) => setMessage({ text, failed: false })} />
      <ObservationFileImport studyId={studyId} onImported={(text) => setMessage({ text, failed: false })} />
      <StudyExportMenu studyId={studyId} onResult={(text, failed) => setMessage({ text, failed })} />
    </div>
  );
}
