import { useId, useState, type FormEvent, type RefObject } from 'react';
import { hrefOf } from '../../navigation/route';
import { matchLabel, promptOf } from '../../counts/scan-flow';
import type { ScanFlow } from '../../counts/use-scan-flow';
import { Spinner } from '../Spinner';

interface CountScanBoxProps {
  flow: ScanFlow;
  inputRef: RefObject<HTMLInputElement | null>;
}

/**
 * Where counted quantities go in: scan (or type) a batch and a bin in either order, then type the
 * quantity. A keyboard-wedge scanner types the code and presses Enter; the box empties at once so
 * the next scan can follow while the first is looked up.
 */
export function CountScanBox({ flow, inputRef }: CountScanBoxProps) {
  const [text, setText] = useState('');
  const ids = useId();
  const prompt = promptOf(flow.state);
  const { batch, location } = flow.state;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    flow.submit(text);
    setText('');
  };

  return (
    <section className="card count-scan" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="count-scan-title">
        Enter what you count
      </h2>
      <form className="count-scan-form" onSubmit={submit} role="search">
        <div className="count-scan-picked" aria-live="polite">
          <span className={`count-pick${batch ? ' count-pick-set' : ''}`} data-testid="count-scan-batch">
            <span className="count-pick-label">Batch</span>
            {batch ? (
              <>
                <span className="count-code">{batch.code}</span>
                <button type="button" className="count-pick-clear" onClick={flow.clearBatch} aria-label={`Clear batch ${batch.code}`}>
                  ×
                </button>
              </>
            ) : (
              <span className="muted">not scanned</span>
            )}
          </span>
          <span className={`count-pick${location ? ' count-pick-set' : ''}`} data-testid="count-scan-location">
            <span className="count-pick-label">Bin</span>
            {location ? (
              <>
                <span className="count-code">{location.code}</span>
                <button type="button" className="count-pick-clear" onClick={flow.clearLocation} aria-label={`Clear bin ${location.code}`}>
                  ×
                </button>
              </>
            ) : (
              <span className="muted">not scanned</span>
            )}
          </span>
        </div>
        <label htmlFor={`${ids}-input`} className="count-scan-label" data-testid="count-scan-prompt">
          {prompt.label}
        </label>
        <div className="count-scan-row">
          <input
            id={`${ids}-input`}
            ref={inputRef}
            className="input count-scan-input"
            value={text}
            placeholder={prompt.placeholder}
            autoComplete="off"
            spellCheck={false}
            autoFocus
            inputMode={batch && location ? 'decimal' : 'text'}
            aria-describedby={flow.feedback ? `${ids}-feedback` : undefined}
            onChange={(event) => setText(event.target.value)}
            data-testid="count-scan"
          />
          <button type="submit" className="button">
            {batch && location ? 'Save' : 'Enter'}
          </button>
          {flow.busy ? <Spinner /> : null}
        </div>
      </form>
      {flow.feedback ? (
        <p
          id={`${ids}-feedback`}
          className={`count-scan-feedback count-scan-feedback-${flow.feedback.tone}`}
          role={flow.feedback.tone === 'problem' ? 'alert' : 'status'}
          data-testid="count-scan-feedback"
          data-tone={flow.feedback.tone}
        >
          {flow.feedback.text}
          {flow.feedback.offerReceive ? (
            <>
              {' '}
              <a href={hrefOf({ screen: 'stock' })}>Receive it as a new batch on the Stock screen</a>
            </>
          ) : null}
        </p>
      ) : null}
      {flow.choices ? (
        <div className="count-scan-choices" role="group" aria-label="Which one did you mean?">
          {flow.choices.map((match) => (
            <button
              key={match.type === 'batch' ? match.batch.id : match.location.id}
              type="button"
              className="button button-small"
              onClick={() => {
                flow.choose(match);
                inputRef.current?.focus();
              }}
            >
              {matchLabel(match)}
            </button>
          ))}
        </div>
      ) : null}
      <p className="count-scan-hint">
        Scan the bin once, then each batch in it and its quantity; the bin stays chosen until you scan another. Entering a line again
        replaces what this computer entered for it.
      </p>
    </section>
  );
}
