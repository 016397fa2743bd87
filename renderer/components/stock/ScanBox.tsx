import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { BatchSummary, FindCodeResult, LocationNode } from '../../../common/stock/stock-results';
import { hrefOf, navigate } from '../../navigation/route';
import { batchKindLabels, locationKindLabels } from '../../stock/stock-text';
import { useApiAction } from '../../stock/use-api-action';
import { useScanCapture } from '../../stock/use-scan-capture';
import { Spinner } from '../Spinner';

interface ScanBoxProps {
  /** A location scanned or chosen (a bin, say): filter to it. */
  onLocation(location: LocationNode): void;
  /** Nothing has this code: receive it as a new batch. */
  onReceive(code: string): void;
  /** Hears scans made while no field has the focus, too. */
  captureScans?: boolean;
  autoFocus?: boolean;
}

/**
 * "Scan or type a code": a batch goes to its page, a location filters the stock to it, and a code
 * nothing has offers to receive a new batch with it. A scanner types the code and Enter.
 */
export function ScanBox({ onLocation, onReceive, captureScans = false, autoFocus = false }: ScanBoxProps) {
  const [text, setText] = useState('');
  const [result, setResult] = useState<FindCodeResult | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const lookup = useApiAction();
  const input = useRef<HTMLInputElement>(null);
  const offer = useRef<HTMLButtonElement>(null);
  const inputId = useId();
  const statusId = useId();

  const goToBatch = (batch: BatchSummary): void => {
    const here = window.location.hash === hrefOf({ screen: 'batch', batchId: batch.id });
    setOpening(here ? null : batch.code);
    if (here) setResult({ code: batch.code, matches: [], offerCreateBatch: false, message: `${batch.code} is the batch shown here.` });
    navigate({ screen: 'batch', batchId: batch.id });
  };

  const find = async (code: string): Promise<void> => {
    const wanted = code.trim();
    if (wanted === '') return;
    setOpening(null);
    setResult(null);
    const found = await lookup.run('stock:find-code', { code: wanted });
    if (found === null) return;
    const [only] = found.matches;
    if (found.matches.length === 1 && only?.type === 'batch') {
      setText('');
      goToBatch(only.batch);
      return;
    }
    if (found.matches.length === 1 && only?.type === 'location') {
      setText('');
      setResult(found);
      onLocation(only.location);
      return;
    }
    setResult(found);
  };

  // After a look-up that did not go anywhere: a scanner's Enter takes the offer to receive, and
  // otherwise the next scan replaces the code instead of adding to it.
  useEffect(() => {
    if (result?.offerCreateBatch) offer.current?.focus();
    else if (result && result.matches.length !== 1) input.current?.select();
  }, [result]);

  useScanCapture((code) => {
    if (!captureScans) return;
    setText(code);
    void find(code);
  });

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void find(text);
  };

  const single = result?.matches.length === 1 ? result.matches[0] : undefined;

  return (
    <form className="stock-scan" role="search" aria-label="Find a batch or location by its code" onSubmit={submit} aria-busy={lookup.busy}>
      <div className="stock-scan-row">
        <label htmlFor={inputId} className="stock-scan-label">
          Scan or type a code
        </label>
        <input
          id={inputId}
          ref={input}
          className="input stock-code-input stock-scan-input"
          value={text}
          autoFocus={autoFocus}
          autoComplete="off"
          spellCheck={false}
          placeholder="Batch code, barcode or location code"
          aria-describedby={statusId}
          aria-invalid={lookup.error !== null}
          onChange={(event) => setText(event.target.value)}
          data-testid="scan-input"
        />
        <button type="submit" className="button" disabled={lookup.busy} data-testid="scan-find">
          {lookup.busy ? <Spinner /> : null}
          Find
        </button>
      </div>
      <div id={statusId} className="stock-scan-status" role="status" data-testid="scan-status">
        {lookup.busy ? (
          <span>Looking up “{text.trim()}”…</span>
        ) : opening ? (
          <span>Opening batch {opening}…</span>
        ) : lookup.error ? (
          <span className="stock-problem-text">{lookup.error.message}</span>
        ) : single?.type === 'location' ? (
          <span>
            {locationKindLabels[single.location.kind]} {single.location.code} ({single.location.name}): showing the stock there.
          </span>
        ) : result?.message ? (
          <span>{result.message}</span>
        ) : null}
      </div>
      {result?.offerCreateBatch ? (
        <div className="stock-scan-offer">
          <button ref={offer} type="button" className="button button-primary" onClick={() => onReceive(result.code)} data-testid="scan-receive">
            Receive “{result.code}” as a new batch…
          </button>
        </div>
      ) : null}
      {result && result.matches.length > 1 ? (
        <ul className="stock-scan-matches" aria-label={`Things with the code “${result.code}”`}>
          {result.matches.map((match) =>
            match.type === 'batch' ? (
              <li key={`b-${match.batch.id}`}>
                <a href={hrefOf({ screen: 'batch', batchId: match.batch.id })}>
                  {batchKindLabels[match.batch.kind]} {match.batch.code}
                </a>
                {match.batch.barcode ? <span className="muted"> · barcode {match.batch.barcode}</span> : null}
              </li>
            ) : (
              <li key={`l-${match.location.id}`}>
                <button type="button" className="button button-link" onClick={() => onLocation(match.location)}>
                  {locationKindLabels[match.location.kind]} {match.location.code}
                </button>
                <span className="muted"> · {match.location.path}</span>
              </li>
            ),
          )}
        </ul>
      ) : null}
    </form>
  );
}
