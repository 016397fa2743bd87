import { useRef, useState } from 'react';
import type { ObservationFilePreview, ObservationImportResult } from '../../common/api-contract';
import { api } from '../api/api';
import { asApiCallError, type ApiCallError } from '../api/api-call-error';
import type { FileImportStep } from './import-step';
import { readForImport } from './read-chosen-file';


export type ObservationImportStep = FileImportStep<ObservationImportResult>;

export interface ObservationImport {
  step: ObservationImportStep;
  preview: ObservationFilePreview | null;
  /** True while the services check the file again (another unique-id column was chosen). */
  checking: boolean;
  previewProblem: ApiCallError | null;
  replaceExisting: boolean;
  importing: boolean;
  importProblem: ApiCallError | null;
  open(file: File): Promise<void>;
  setUniqueIdColumn(column: string): void;
  setReplaceExisting(replace: boolean): void;
  runImport(): Promise<void>;
  close(): void;
}

/**
 * Importing a Field Book database file's values into a study: read the file, preview it, preview
 * again when the person picks another unique-id column, and import only when they press the button
 * (which says which rows are left out; replacing values needs its own tick).
 */
export function useObservationImport(studyId: string): ObservationImport {
  const [step, setStep] = useState<ObservationImportStep>({ step: 'closed' });
  const [preview, setPreview] = useState<ObservationFilePreview | null>(null);
  const [checking, setChecking] = useState(false);
  const [previewProblem, setPreviewProblem] = useState<ApiCallError | null>(null);
  const [replaceExisting, setReplaceExisting] = useState(false);
  const [importing, setImporting] = useState(false);
  const [importProblem, setImportProblem] = useState<ApiCallError | null>(null);
  const file = useRef<{ name: string; content: string; uniqueIdColumn: string | null } | null>(null);
  // Answers to earlier requests (another column, a file since replaced) are dropped.
  const request = useRef(0);

  const check = async (): Promise<void> => {
    const chosen = file.current;
    if (!chosen) return;
    const ticket = ++request.current;
    setChecking(true);
    setPreviewProblem(null);
    try {
      const answer = await api.call('fieldbook:preview-observation-file', { studyId, fileName: chosen.name, content: chosen.content, uniqueIdColumn: chosen.uniqueIdColumn });
      if (ticket !== request.current) return;
      setPreview(answer);
      setStep({ step: 'preview', fileName: chosen.name });
    } catch (error) {
      if (ticket !== request.current) return;
      const problem = asApiCallError(error, 'fieldbook:preview-observation-file');
      // A file that cannot be read as a database export has nothing to preview: say so instead.
      if (chosen.uniqueIdColumn === null) setStep({ step: 'refused', fileName: chosen.name, problem });
      else setPreviewProblem(problem);
    } finally {
      if (ticket === request.current) setChecking(false);
    }
  };

  const reset = (): void => {
    request.current += 1;
    file.current = null;
    setPreview(null);
    setChecking(false);
    setPreviewProblem(null);
    setReplaceExisting(false);
    setImporting(false);
    setImportProblem(null);
  };

  const open = async (chosen: File): Promise<void> => {
    reset();
    setStep({ step: 'reading', fileName: chosen.name });
    const ticket = request.current;
    const read = await readForImport(chosen, 'Split it into smaller files.');
    if (ticket !== request.current) return;
    if ('problem' in read) {
      setStep({ step: 'unreadable', fileName: chosen.name, message: read.problem });
      return;
    }
    const { content } = read;
    file.current = { name: chosen.name, content, uniqueIdColumn: null };
    await check();
  };

  const runImport = async (): Promise<void> => {
    const chosen = file.current;
    if (!chosen || !preview || checking || importing) return;
    setImporting(true);
    setImportProblem(null);
    try {
      const result = await api.call('fieldbook:import-observation-file', {
        studyId,
        fileName: chosen.name,
        content: chosen.content,
        uniqueIdColumn: chosen.uniqueIdColumn,
        // The button said which rows are left out; its click is the consent. Replacing has its own tick.
        takeGoodRows: preview.errorCount > 0,
        replaceExisting: preview.replaceCount > 0 && replaceExisting,
      });
      setStep({ step: 'done', fileName: chosen.name, result });
    } catch (error) {
      const problem = asApiCallError(error, 'fieldbook:import-observation-file');
      setImportProblem(problem);
      // The study changed since the preview (values arrived by sync, say): show the counts as they are now.
      if (problem.details?.['reason'] === 'would-replace') void check();
    } finally {
      setImporting(false);
    }
  };

  return {
    step,
    preview,
    checking,
    previewProblem,
    replaceExisting,
    importing,
    importProblem,
    open,
    setUniqueIdColumn(column) {
      if (!file.current) return;
      file.current = { ...file.current, uniqueIdColumn: column };
      setImportProblem(null);
      void check();
    },
    setReplaceExisting(replace) {
      setReplaceExisting(replace);
      setImportProblem(null);
    },
    runImport,
    close() {
      if (importing) return;
      reset();
      setStep({ step: 'closed' });
    },
  };
}
