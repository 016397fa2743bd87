import { useMemo } from 'react';
import { orderPlots, type GridWalk } from '../../common/walk-order';

const rows = 3;
const columns = 4;
const gap = 9;
const margin = 4;
const field = Array.from({ length: rows * columns }, (_, i) => ({ plotNumber: i + 1, row: Math.floor(i / columns) + 1, column: (i % columns) + 1 }));
const x = (column: number): number => margin + (column - 1) * gap;
const y = (row: number): number => margin + (row - 1) * gap;

/** A small picture of the walk over a 3 × 4 field: where it starts and how it turns. */
export function WalkOrderDiagram({ walk }: { walk: GridWalk }) {
  const path = useMemo(() => orderPlots(field, walk), [walk]);
  const first = path[0];
  const points = path.map((p) => `${x(p.column)},${y(p.row)}`).join(' ');
  return (
    <svg className="walk-diagram" width={2 * margin + (columns - 1) * gap} height={2 * margin + (rows - 1) * gap} aria-hidden="true">
      <polyline points={points} />
      {first ? <circle cx={x(first.column)} cy={y(first.row)} r={2.6} /> : null}
    </svg>
  );
}
