import { useRef } from 'react';
import { fieldFileTypes, useFieldImport } from '../files/use-field-import';
import { importShortText } from '../files/files-wording';
import { FieldImportDialog } from './FieldImportDialog';
import { FilePickerButton } from './FilePickerButton';

interface FieldFileImportProps {
  studyId: string;
  /** Said beside the button once an import is done. */
  onImported(message: string): void;
}

/** "Import field file…": picks a file, then previews and imports it in a dialog. */
export function FieldFileImport({ studyId, onImported }: FieldFileImportProps) {
  const fieldImport = useFieldImport(studyId);
  const { step } = fieldImport;
  const button = useRef<HTMLButtonElement>(null);

  const close = (): void => {
    if (fieldImport.importing) return;
    if (step.step === 'done') onImported(importShortText(step.result, step.fileName));
    fieldImport.close();
  };

  return (
    <>
      <FilePickerButton
        label="Import field file…"
        accept={fieldFileTypes}
        className="button button-small"
        title="Add or update this study’s plots from a Field Book field file (.csv, .txt, .tsv or .xlsx)"
        onFile={(file) => void fieldImport.open(file)}
        testId="import-field-file"
        buttonRef={button}
      />
      <FieldImportDialog
        fieldImport={{ ...fieldImport, close }}
        onChooseAnother={(file) => void fieldImport.open(file)}
        // Back where the import started, for the keyboard.
        onClosed={() => button.current?.focus()}
      />
    </>
  );
}
