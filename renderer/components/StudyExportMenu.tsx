import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../api/api';
import { asApiCallError } from '../api/api-call-error';
import { downloadFile } from '../files/download-file';
import { exportResultText } from '../files/files-wording';
import { Spinner } from './Spinner';

type ExportFormat = 'database' | 'table' | 'json';

const formats: { format: ExportFormat; label: string; hint: string }[] = [
  { format: 'database', label: 'Field Book database (.csv)', hint: 'One row per value recorded' },
  { format: 'table', label: 'Field Book table (.csv)', hint: 'One row per plot, the latest value of each trait' },
  { format: 'json', label: 'JSON', hint: 'Plots, traits and values, for other programs' },
];

interface StudyExportMenuProps {
  studyId: string;
  /** What happened, said beside the menu: the rows exported, or why the export failed. */
  onResult(message: string, failed: boolean): void;
}

/** "Export ▾": the study as a Field Book database or table file, or JSON, downloaded under the name the services give. */
export function StudyExportMenu({ studyId, onResult }: StudyExportMenuProps) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const listId = useId();

  // A click anywhere else closes the menu.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent): void => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  // Opened from the keyboard or by a click, the first format takes the focus.
  useEffect(() => {
    if (open) root.current?.querySelector<HTMLButtonElement>('[data-export-format]')?.focus();
  }, [open]);

  const run = async (format: ExportFormat): Promise<void> => {
    setOpen(false);
    toggle.current?.focus();
    setBusy(format);
    try {
      const file = await api.call('fieldbook:export-study', { studyId, format });
      downloadFile(file.fileName, file.mimeType, file.content);
      onResult(exportResultText(format, file.rows, file.fileName), false);
    } catch (error) {
      onResult(`The export did not work: ${asApiCallError(error, 'fieldbook:export-study').message}`, true);
    } finally {
      setBusy(null);
    }
  };

  const onListKey = (event: KeyboardEvent): void => {
    const items = [...(root.current?.querySelectorAll<HTMLButtonElement>('[data-export-format]') ?? [])];
    const at = items.findIndex((item) => item === document.activeElement);
    const focus = (index: number): void => items[(index + items.length) % items.length]?.focus();
    if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      toggle.current?.focus();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      focus(at + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      focus(at - 1);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      focus(event.key === 'Home' ? 0 : items.length - 1);
    }
  };

  return (
    <div
      className="export-menu"
      ref={root}
      onBlur={(event) => {
        // Tabbing out of the menu closes it.
        if (open && !(event.relatedTarget instanceof Node && root.current?.contains(event.relatedTarget))) setOpen(false);
      }}
    >
      <button
        ref={toggle}
        type="button"
        className="button button-small"
        aria-expanded={open}
        aria-controls={listId}
        aria-busy={busy !== null}
        onClick={() => setOpen((was) => !was)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
        data-testid="export-study"
      >
        {busy ? (
          <>
            <Spinner /> Exporting…
          </>
        ) : (
          'Export ▾'
        )}
      </button>
      <div id={listId} className="export-menu-list" role="group" aria-label="Export the study as" hidden={!open} onKeyDown={onListKey}>
        {formats.map(({ format, label, hint }) => (
          <button
            key={format}
            type="button"
            className="export-menu-item"
            disabled={busy !== null}
            onClick={() => void run(format)}
            aria-labelledby={`${listId}-${format}`}
            aria-describedby={`${listId}-${format}-hint`}
            data-export-format={format}
            data-testid={`export-${format}`}
          >
            <span id={`${listId}-${format}`} className="export-menu-label">
              {label}
            </span>
            <span id={`${listId}-${format}-hint`} className="export-menu-hint">
              {hint}
            </span>
          </button>
        ))}
      </div>
    </div>
  );
}
