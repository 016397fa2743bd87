import { useId, useState } from 'react';
import { downloadBase64 } from '../../files/download-file';
import { useApiAction } from '../../stock/use-api-action';
import { Spinner } from '../Spinner';

interface PrintLabelsProps {
  batches?: readonly string[];
  locations?: readonly string[];
  /** The button's words: "Print label", "Print 12 labels". */
  label: string;
  disabled?: boolean;
}

/** Barcode labels (Code 128 or QR) for batches or locations, as a PDF sheet to print. */
export function PrintLabels({ batches = [], locations = [], label, disabled = false }: PrintLabelsProps) {
  const [symbology, setSymbology] = useState<'code128' | 'qr'>('code128');
  const [pageSize, setPageSize] = useState<'A4' | 'Letter'>('A4');
  const [done, setDone] = useState<string | null>(null);
  const action = useApiAction();
  const symbologyId = useId();
  const pageId = useId();

  const print = async (): Promise<void> => {
    setDone(null);
    const file = await action.run('stock:labels-pdf', {
      ...(batches.length > 0 ? { batches: [...batches] } : {}),
      ...(locations.length > 0 ? { locations: [...locations] } : {}),
      symbology,
      pageSize,
    });
    if (!file) return;
    downloadBase64(file.fileName, file.mimeType, file.content);
    setDone(`Labels saved as “${file.fileName}”: open it to print.`);
  };

  return (
    <div className="stock-labels" role="group" aria-label="Labels" aria-busy={action.busy}>
      <label htmlFor={symbologyId} className="visually-hidden">
        Barcode type
      </label>
      <select id={symbologyId} className="input input-small" value={symbology} onChange={(e) => setSymbology(e.target.value as 'code128' | 'qr')} data-testid="labels-symbology">
        <option value="code128">Code 128</option>
        <option value="qr">QR code</option>
      </select>
      <label htmlFor={pageId} className="visually-hidden">
        Page size
      </label>
      <select id={pageId} className="input input-small" value={pageSize} onChange={(e) => setPageSize(e.target.value as 'A4' | 'Letter')}>
        <option value="A4">A4</option>
        <option value="Letter">Letter</option>
      </select>
      <button type="button" className="button button-small" disabled={disabled || action.busy} onClick={() => void print()} data-testid="labels-print">
        {action.busy ? <Spinner /> : null}
        {action.busy ? 'Making the labels…' : label}
      </button>
      <span className={`stock-labels-message${action.error ? ' stock-problem-text' : ''}`} role="status" data-testid="labels-message">
        {action.error ? action.error.message : done}
      </span>
    </div>
  );
}
