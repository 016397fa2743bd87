import { useId } from 'react';
import { fieldRoles, otherColumns, type FieldRole, type MappingChoice } from '../files/field-mapping';

interface FieldColumnMappingProps {
  headers: readonly string[];
  choice: MappingChoice;
  disabled: boolean;
  onChange(role: FieldRole, column: string | null): void;
}

/** One select per role (unique id, plot number, row…) offering the file's columns; what no role takes is kept as plot attributes. */
export function FieldColumnMapping({ headers, choice, disabled, onChange }: FieldColumnMappingProps) {
  const baseId = useId();
  const others = otherColumns(headers, choice);
  return (
    <fieldset className="import-mapping" data-testid="import-mapping">
      <legend>Which column holds what</legend>
      <div className="import-mapping-grid">
        {fieldRoles.map(({ role, label, hint }) => {
          const id = `${baseId}-${role}`;
          const required = role === 'uniqueId';
          const missing = required && choice.uniqueId === null;
          return (
            <div key={role} className={`import-role${required ? ' import-role-required' : ''}`}>
              <label htmlFor={id}>
                {label}
                {required ? <span className="import-required"> (required)</span> : null}
              </label>
              <select
                id={id}
                className="input input-small"
                value={choice[role] ?? ''}
                disabled={disabled}
                required={required}
                aria-invalid={missing}
                aria-describedby={hint ? `${id}-hint` : undefined}
                onChange={(event) => onChange(role, event.target.value === '' ? null : event.target.value)}
                data-testid={`import-role-${role}`}
              >
                <option value="">{required ? 'Choose a column…' : 'Not in the file'}</option>
                {headers.map((header) => (
                  <option key={header} value={header}>
                    {header}
                  </option>
                ))}
              </select>
              {hint ? (
                <span id={`${id}-hint`} className={`field-hint${missing ? ' field-hint-error' : ''}`}>
                  {hint}
                </span>
              ) : null}
            </div>
          );
        })}
      </div>
      {others.attributes.length > 0 || others.position ? (
        <p className="import-other-columns">
          {others.attributes.length > 0 ? (
            <>
              Kept with each plot as {others.attributes.length === 1 ? 'an attribute' : 'attributes'}:{' '}
              {others.attributes.map((name, i) => (
                <span key={name}>
                  {i > 0 ? ', ' : null}
                  <code>{name}</code>
                </span>
              ))}
              .{' '}
            </>
          ) : null}
          {others.position ? (
            <>
              <code>{others.position}</code> (latitude;longitude) becomes each plot’s position on the map.
            </>
          ) : null}
        </p>
      ) : null}
    </fieldset>
  );
}
