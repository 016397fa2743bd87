import { useCallback, useEffect, useRef, useState } from 'react';
import type { CodeMatch, CountLineView } from '../../common/stock/stock-results';
import { api } from '../api/api';
import { asApiCallError } from '../api/api-call-error';
import { recordedText } from './count-wording';
import { afterRecorded, applyFound, checkQuantity, emptyScan, readsAsQuantity, takeMatch, type ScanOutcome, type ScanState } from './scan-flow';

export interface ScanFeedback {
  tone: 'info' | 'saved' | 'warning' | 'problem';
  text: string;
  /** Nothing had the scanned code: the stock screen can receive it as a new batch. */
  offerReceive?: boolean;
}

export interface ScanFlow {
  state: ScanState;
  feedback: ScanFeedback | null;
  /** A code matched several things: the user chooses one. */
  choices: CodeMatch[] | null;
  busy: boolean;
  /** The line the last entry saved, as the services answered it. */
  lastLine: CountLineView | null;
  /** Takes what was scanned or typed (a code, or the quantity once batch and bin are known). */
  submit(text: string): void;
  choose(match: CodeMatch): void;
  clearBatch(): void;
  clearLocation(): void;
  /** Starts entering a line of the table: its batch and bin, ready for the quantity. */
  pickLine(line: CountLineView): void;
}

/**
 * The count's scan box. Scans are handled one after another in the order they arrive, so a
 * scanner that sends a batch and a bin in quick succession fills both even while the first code is
 * still being looked up.
 */
export function useScanFlow(countId: string, inScope: (locationId: string) => boolean, scopeCode: string): ScanFlow {
  const [state, setStateNow] = useState<ScanState>(emptyScan);
  const stateRef = useRef<ScanState>(emptyScan);
  const [feedback, setFeedback] = useState<ScanFeedback | null>(null);
  const [choices, setChoices] = useState<CodeMatch[] | null>(null);
  const [pending, setPending] = useState(0);
  const [lastLine, setLastLine] = useState<CountLineView | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const scope = useRef({ inScope, scopeCode });
  useEffect(() => {
    scope.current = { inScope, scopeCode };
  }, [inScope, scopeCode]);

  const setState = useCallback((next: ScanState): void => {
    stateRef.current = next;
    setStateNow(next);
  }, []);

  const take = useCallback(
    (outcome: ScanOutcome): void => {
      if (outcome.kind === 'set') {
        setState(outcome.state);
        setChoices(null);
        setFeedback({ tone: 'info', text: outcome.said });
      } else if (outcome.kind === 'choose') {
        setChoices(outcome.matches);
        setFeedback({ tone: 'warning', text: outcome.message });
      } else {
        setChoices(null);
        setFeedback({ tone: 'problem', text: outcome.message, offerReceive: outcome.offerReceive });
      }
    },
    [setState],
  );

  const handle = useCallback(
    async (text: string): Promise<void> => {
      const current = stateRef.current;
      if (readsAsQuantity(current, text) && current.batch && current.location) {
        const checked = checkQuantity(text);
        if (!checked.ok) {
          setFeedback({ tone: 'problem', text: checked.message });
          return;
        }
        try {
          const line = await api.call('counts:record-line', {
            countId,
            batch: current.batch.id,
            location: current.location.id,
            quantity: checked.quantity,
            unit: current.batch.unit,
          });
          setLastLine(line);
          setState(afterRecorded(stateRef.current));
          setFeedback({ tone: line.status === 'disputed' ? 'warning' : 'saved', text: recordedText(line) });
        } catch (error) {
          setFeedback({ tone: 'problem', text: asApiCallError(error, 'counts:record-line').message });
        }
        return;
      }
      try {
        const found = await api.call('stock:find-code', { code: text });
        take(applyFound(stateRef.current, found, scope.current.inScope, scope.current.scopeCode));
      } catch (error) {
        setFeedback({ tone: 'problem', text: asApiCallError(error, 'stock:find-code').message });
      }
    },
    [countId, setState, take],
  );

  const submit = useCallback(
    (text: string): void => {
      const trimmed = text.trim();
      if (trimmed === '') return;
      setPending((n) => n + 1);
      queue.current = queue.current.then(() => handle(trimmed)).finally(() => setPending((n) => n - 1));
    },
    [handle],
  );

  const choose = useCallback(
    (match: CodeMatch): void => take(takeMatch(stateRef.current, match, scope.current.inScope, scope.current.scopeCode)),
    [take],
  );

  const clearBatch = useCallback((): void => {
    setState({ ...stateRef.current, batch: null });
    setFeedback(null);
  }, [setState]);

  const clearLocation = useCallback((): void => {
    setState({ ...stateRef.current, location: null });
    setFeedback(null);
  }, [setState]);

  const pickLine = useCallback(
    (line: CountLineView): void => {
      setState({ batch: { id: line.batchId, code: line.batchCode, unit: line.unit }, location: line.location });
      setChoices(null);
      setFeedback({ tone: 'info', text: `Counting ${line.batchCode} in ${line.location.code}: enter the quantity found.` });
    },
    [setState],
  );

  return { state, feedback, choices, busy: pending > 0, lastLine, submit, choose, clearBatch, clearLocation, pickLine };
}
