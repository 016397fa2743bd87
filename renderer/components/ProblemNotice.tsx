import type { ReactNode } from 'react';
import type { ApiCallError } from '../api/api-call-error';
import { problemTitle } from '../format/problem-text';

interface ProblemNoticeProps {
  error: ApiCallError;
  /** Buttons for what the user can do next (try again, go back…). */
  children?: ReactNode;
}

/** A refusal or failure in clear words: what happened, and what to do next. */
export function ProblemNotice({ error, children }: ProblemNoticeProps) {
  return (
    <div className="notice notice-problem" role="alert" data-testid="problem">
      <p className="notice-title">{problemTitle(error)}</p>
      <p className="notice-body">{error.message}</p>
      {children ? <div className="notice-actions">{children}</div> : null}
    </div>
  );
}
