import type { ApiCallError } from '../api/api-call-error';

/** Where an import of a file stands: from choosing the file, through its preview, to what it did. */
export type FileImportStep<Result> =
  | { step: 'closed' }
  | { step: 'reading'; fileName: string }
  | { step: 'unreadable'; fileName: string; message: string }
  | { step: 'refused'; fileName: string; problem: ApiCallError }
  | { step: 'preview'; fileName: string }
  | { step: 'done'; fileName: string; result: Result };
