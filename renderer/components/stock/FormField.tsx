import { useId, type ReactNode } from 'react';

export interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': boolean;
}

interface FormFieldProps {
  label: string;
  /** Shown under the field until there is a problem with it. */
  hint?: ReactNode;
  /** The refusal that names this field, in words: replaces the hint and marks the field invalid. */
  problem?: string | undefined;
  className?: string;
  children(control: ControlProps): ReactNode;
}

/** A labelled form field whose hint or problem is read with it by screen readers. */
export function FormField({ label, hint, problem, className, children }: FormFieldProps) {
  const id = useId();
  const noteId = useId();
  const note = problem ?? hint;
  return (
    <div className={`field stock-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': note ? noteId : undefined, 'aria-invalid': problem !== undefined })}
      {note ? (
        <p id={noteId} className={problem ? 'field-hint field-hint-error' : 'field-hint'} data-problem={problem ? 'true' : undefined}>
          {note}
        </p>
      ) : null}
    </div>
  );
}
