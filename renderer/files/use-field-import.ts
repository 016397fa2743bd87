import { useRef, useState } from 'react';
import type { FieldFilePreview, FieldImportResult } from '../../common/api-contract';
import { api } from '../api/api';
import { asApiCallError, type ApiCallError } from '../api/api-call-error';
import type { FileImportStep } from './import-step';
import { readForImport } from './read-chosen-file';
import { initialChoice, mappingKey, toFieldMapping, type FieldRole, type MappingChoice } from './field-mapping';

/** Field Book field files (and spreadsheets in that shape) that the services read, for a file input's accept list. */
export const fieldFileTypes =
  '.csv,.txt,.tsv,.xlsx,text/csv,text/plain,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';


interface ChosenFile {
  name: string;
  /** The file's bytes in base64, as the services take them. */
  content: string;
}

export type ImportStep = FileImportStep<FieldImportResult>;

export interface FieldImport {
  step: ImportStep;
  /** The latest preview and the mapping it answers (it may be a step behind `choice` while checking). */
  preview: FieldFilePreview | null;
  choice: MappingChoice | null;
  /** True while the services check the file with the mapping shown. */
  checking: boolean;
  /** A refusal of the preview for the mapping shown (the file itself was readable). */
  previewProblem: ApiCallError | null;
  /** The preview answers the mapping shown, and a unique-id column is chosen. */
  current: boolean;
  updateExisting: boolean;
  importing: boolean;
  importProblem: ApiCallError | null;
  open(file: File): Promise<void>;
  setRole(role: FieldRole, column: string | null): void;
  setUpdateExisting(update: boolean): void;
  runImport(): Promise<void>;
  close(): void;
}

/**
 * Importing a Field Book field file into a study: read the file, preview it with the columns the
 * services suggest, preview again whenever the person changes a column, and import only when they
 * press the button (taking the good rows and updating existing plots as the button said).
 */
export function useFieldImport(studyId: string): FieldImport {
  const [step, setStep] = useState<ImportStep>({ step: 'closed' });
  const [preview, setPreview] = useState<FieldFilePreview | null>(null);
  const [previewKey, setPreviewKey] = useState<string | null>(null);
  const [choice, setChoice] = useState<MappingChoice | null>(null);
  const [checking, setChecking] = useState(false);
  const [previewProblem, setPreviewProblem] = useState<ApiCallError | null>(null);
  const [updateExisting, setUpdateExisting] = useState(false);
  const [importing, setImporting] = useState(false);
  const [importProblem, setImportProblem] = useState<ApiCallError | null>(null);
  const file = useRef<ChosenFile | null>(null);
  // Answers to earlier requests (an older mapping, a file since replaced) are dropped.
  const request = useRef(0);

  const check = async (chosen: ChosenFile, next: MappingChoice | null): Promise<void> => {
    const ticket = ++request.current;
    setChecking(true);
    setPreviewProblem(null);
    try {
      const mapping = next === null ? undefined : toFieldMapping(next);
      const answer = await api.call('fieldbook:preview-field-file', { studyId, fileName: chosen.name, content: chosen.content, mapping });
      if (ticket !== request.current) return;
      const shown = next ?? initialChoice(answer);
      setPreview(answer);
      setChoice(shown);
      setPreviewKey(mappingKey(shown));
      setStep({ step: 'preview', fileName: chosen.name });
    } catch (error) {
      if (ticket !== request.current) return;
      const problem = asApiCallError(error, 'fieldbook:preview-field-file');
      // A file that cannot be read at all has no columns to choose from: say so instead of a preview.
      if (next === null) setStep({ step: 'refused', fileName: chosen.name, problem });
      else setPreviewProblem(problem);
    } finally {
      if (ticket === request.current) setChecking(false);
    }
  };

  const reset = (): void => {
    request.current += 1;
    file.current = null;
    setPreview(null);
    setPreviewKey(null);
    setChoice(null);
    setChecking(false);
    setPreviewProblem(null);
    setUpdateExisting(false);
    setImporting(false);
    setImportProblem(null);
  };

  const open = async (chosen: File): Promise<void> => {
    reset();
    setStep({ step: 'reading', fileName: chosen.name });
    const ticket = request.current;
    const read = await readForImport(chosen, 'Split it into smaller files, or leave out columns you do not need.');
    if (ticket !== request.current) return;
    if ('problem' in read) {
      setStep({ step: 'unreadable', fileName: chosen.name, message: read.problem });
      return;
    }
    const { content } = read;
    file.current = { name: chosen.name, content };
    await check(file.current, null);
  };

  const setRole = (role: FieldRole, column: string | null): void => {
    if (!choice || !file.current) return;
    const next = { ...choice, [role]: column };
    setChoice(next);
    setImportProblem(null);
    if (next.uniqueId === null) {
      // Nothing to check until a unique-id column is chosen; drop any answer still on its way.
      request.current += 1;
      setChecking(false);
      setPreviewProblem(null);
      return;
    }
    void check(file.current, next);
  };

  const current = preview !== null && choice !== null && choice.uniqueId !== null && previewKey === mappingKey(choice) && !checking && previewProblem === null;

  const runImport = async (): Promise<void> => {
    const chosen = file.current;
    const mapping = choice ? toFieldMapping(choice) : null;
    if (!chosen || !mapping || !preview || !current || importing) return;
    setImporting(true);
    setImportProblem(null);
    try {
      const result = await api.call('fieldbook:import-field-file', {
        studyId,
        fileName: chosen.name,
        content: chosen.content,
        mapping,
        // The button said which rows are left out and which plots are updated; its click is the consent.
        takeGoodRows: preview.errorCount > 0,
        updateExisting: preview.existingCount > 0 && updateExisting,
      });
      setStep({ step: 'done', fileName: chosen.name, result });
    } catch (error) {
      const problem = asApiCallError(error, 'fieldbook:import-field-file');
      setImportProblem(problem);
      // The study changed since the preview (plots arrived by sync, say): show the counts as they are now.
      if (problem.details?.['reason'] === 'plots-exist' && choice) void check(chosen, choice);
    } finally {
      setImporting(false);
    }
  };

  const close = (): void => {
    if (importing) return;
    reset();
    setStep({ step: 'closed' });
  };

  return {
    step,
    preview,
    choice,
    checking,
    previewProblem,
    current,
    updateExisting,
    importing,
    importProblem,
    open,
    setRole,
    setUpdateExisting(update) {
      setUpdateExisting(update);
      setImportProblem(null);
    },
    runImport,
    close,
  };
}
