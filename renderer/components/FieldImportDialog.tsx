import { useId } from 'react';
import { fieldFileTypes, type FieldImport } from '../files/use-field-import';
import { formatCount } from '../format/value-text';
import { importBlockedReason, importButtonLabel, importingLabel, importResultText } from '../files/files-wording';
import { FieldColumnMapping } from './FieldColumnMapping';
import { FieldImportSummary } from './FieldImportSummary';
import { FieldPreviewRows } from './FieldPreviewRows';
import { ProblemNotice } from './ProblemNotice';
import { ImportDialog } from './ImportDialog';

interface FieldImportDialogProps {
  fieldImport: FieldImport;
  onChooseAnother(file: File): void;
  /** After the dialog closed (and the page is no longer inert). */
  onClosed(): void;
}

/**
 * The import of a field file, in a modal dialog: how its columns are read, what it would do
 * (counts, bad rows with their reasons, some good rows), and one button that says what it imports.
 * Escape or Cancel closes it, except while the import runs.
 */
export function FieldImportDialog({ fieldImport, onChooseAnother, onClosed }: FieldImportDialogProps) {
  const { step, preview, choice, checking, previewProblem, current, updateExisting, importing, importProblem } = fieldImport;
  const updateHintId = useId();
  const fileName = step.step === 'closed' ? '' : step.fileName;

  return (
    <ImportDialog
      step={step}
      title={`Import plots from “${fileName}”`}
      doneTitle="Plots imported"
      lead="Check how the file is read. Nothing is imported until you press the import button below."
      doneText={step.step === 'done' ? importResultText(step.result, fileName) : null}
      accept={fieldFileTypes}
      importing={importing}
      importProblem={importProblem}
      blocked={preview && current ? importBlockedReason(preview, updateExisting) : null}
      confirmLabel={preview && current ? importButtonLabel(preview, updateExisting) : null}
      importingLabel={preview ? importingLabel(preview, updateExisting) : 'Importing…'}
      choices={
        preview && current && preview.existingCount > 0 ? (
          <div className="import-update">
            <label className="toolbar-check">
              <input
                type="checkbox"
                checked={updateExisting}
                disabled={importing}
                aria-describedby={updateHintId}
                onChange={(event) => fieldImport.setUpdateExisting(event.target.checked)}
                data-testid="import-update-existing"
              />
              Update the {preview.existingCount === 1 ? 'plot' : `${formatCount(preview.existingCount)} plots`} already in this study
            </label>
            <p id={updateHintId} className="field-hint">
              Their plot number, position, germplasm and attributes are replaced by the file’s. Values recorded on them are kept.
            </p>
          </div>
        ) : null
      }
      onChooseAnother={onChooseAnother}
      onImport={() => void fieldImport.runImport()}
      onClose={fieldImport.close}
      onClosed={onClosed}
      testIds="import"
    >
      {preview && choice ? (
        <>
          <FieldColumnMapping headers={preview.headers} choice={choice} disabled={importing} onChange={fieldImport.setRole} />
          {previewProblem ? <ProblemNotice error={previewProblem} /> : null}
          <FieldImportSummary preview={preview} current={current} checking={checking} uniqueIdChosen={choice.uniqueId !== null} refused={previewProblem !== null} />
          {current ? <FieldPreviewRows preview={preview} /> : null}
        </>
      ) : null}
    </ImportDialog>
  );
}
