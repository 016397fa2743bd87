import { useId, type Ref } from 'react';
import type { LocationNode } from '../../../common/stock/stock-results';
import type { ControlProps } from './FormField';

interface LocationInputProps extends ControlProps {
  value: string;
  onChange(value: string): void;
  /** The locations offered as the user types (any other code may still be typed or scanned). */
  options: readonly LocationNode[];
  placeholder?: string;
  disabled?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  testId?: string;
}

/**
 * A location asked for by its code: typed, picked from the suggestions, or scanned from its label
 * (a keyboard-wedge scanner types the code and Enter, which submits the form).
 */
export function LocationInput({ value, onChange, options, placeholder = 'Scan or type a location code', disabled, inputRef, testId, ...control }: LocationInputProps) {
  const listId = useId();
  return (
    <>
      <input
        {...control}
        ref={inputRef}
        className="input stock-code-input"
        value={value}
        list={listId}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      />
      <datalist id={listId}>
        {options.map((node) => (
          <option key={node.id} value={node.code}>
            {node.name === node.code ? node.path : `${node.name} · ${node.path}`}
          </option>
        ))}
      </datalist>
    </>
  );
}
