import { useState } from 'react';
import { NotePanel } from './NotePanel';

/** The plot's note, folded away until asked for (it stays open while walking from plot to plot). */
export function PlotNote({ plotId, plotNumber }: { plotId: string; plotNumber: number }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="entry-history plot-note" onToggle={(event) => setOpen(event.currentTarget.open)} data-testid="plot-note">
      <summary>Note on plot {plotNumber}</summary>
      {open ? (
        <NotePanel
          key={plotId}
          subject={{ subjectKind: 'observation-unit', subjectId: plotId }}
          label={`Note on plot ${plotNumber}`}
          placeholder="Anything worth remembering about this plot"
          testId="plot-note-text"
        />
      ) : null}
    </details>
  );
}
