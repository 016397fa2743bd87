import type { ApiCallError } from '../../api/api-call-error';
import { problemTitle } from '../../format/problem-text';

/** A refusal that concerns no single field of the form (a role, a conflict), in words, above its buttons. */
export function FormProblem({ error, text }: { error: ApiCallError | null; text: string | null }) {
  if (error === null || text === null) return null;
  return (
    <div className="notice notice-problem stock-form-problem" role="alert" data-testid="form-problem">
      <p className="notice-title">{problemTitle(error)}</p>
      <p className="notice-body">{text}</p>
    </div>
  );
}
