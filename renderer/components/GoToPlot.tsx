import { useId, useState, type FormEvent } from 'react';

/**
 * Jump to a plot by number, barcode, id or germplasm, or first by the plot attribute scans are
 * matched on (`attribute`); a keyboard-wedge scanner types the code and presses Enter.
 */
export function GoToPlot({ onGo, attribute = null }: { onGo(code: string): boolean; attribute?: string | null }) {
  const [code, setCode] = useState('');
  const [notFound, setNotFound] = useState<string | null>(null);
  const inputId = useId();
  const messageId = useId();

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (code.trim() === '') return;
    if (onGo(code)) {
      setCode('');
      setNotFound(null);
    } else {
      setNotFound(code.trim());
    }
  };

  return (
    <form className="goto" onSubmit={submit} role="search">
      <label htmlFor={inputId}>Go to plot</label>
      <input
        id={inputId}
        className="input input-small"
        value={code}
        placeholder={attribute === null ? 'Plot number, barcode or germplasm' : `${attribute}, plot number or barcode`}
        autoComplete="off"
        spellCheck={false}
        aria-describedby={notFound ? messageId : undefined}
        aria-invalid={notFound !== null}
        onChange={(event) => {
          setCode(event.target.value);
          setNotFound(null);
        }}
        data-testid="goto-plot"
      />
      <button type="submit" className="button button-small">
        Go
      </button>
      {notFound ? (
        <span id={messageId} className="goto-message" role="alert">
          No plot “{notFound}” in this study.
        </span>
      ) : null}
    </form>
  );
}
