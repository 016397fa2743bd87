import { useState } from 'react';
import {
  defaultGridWalk,
  describeWalkOrder,
  startCorners,
  walkDirections,
  walkPatterns,
  type GridWalk,
  type StartCorner,
  type WalkDirection,
  type WalkOrder,
  type WalkPattern,
} from '../../common/walk-order';
import { WalkOrderDiagram } from './WalkOrderDiagram';

const cornerLabels: Record<StartCorner, string> = {
  'top-left': '↖ Top left',
  'top-right': '↗ Top right',
  'bottom-left': '↙ Bottom left',
  'bottom-right': '↘ Bottom right',
};
const directionLabels: Record<WalkDirection, string> = { 'row-wise': 'Row by row', 'column-wise': 'Column by column' };
const patternLabels: Record<WalkPattern, string> = { serpentine: 'Serpentine', linear: 'Straight' };

/** The option of `options` that `value` names (a select's value is always one of them). */
const optionOf = <T extends string>(options: readonly T[], value: string, fallback: T): T => options.find((o) => o === value) ?? fallback;

interface WalkOrderPickerProps {
  order: WalkOrder;
  onChange(order: WalkOrder): void;
}

/** The walking order: plot numbers, or across the field from a corner, row- or column-wise, straight or serpentine. */
export function WalkOrderPicker({ order, onChange }: WalkOrderPickerProps) {
  // The grid walk last chosen, so going to plot numbers and back does not lose it.
  const [lastWalk, setLastWalk] = useState<GridWalk>(order.kind === 'grid' ? order : defaultGridWalk);
  const walk = order.kind === 'grid' ? order : lastWalk;
  const change = (next: GridWalk): void => {
    setLastWalk(next);
    onChange(next);
  };

  return (
    <div className="walk-order" role="group" aria-label="Walking order" data-testid="walk-order" title={describeWalkOrder(order)}>
      <label className="toolbar-field">
        <span>Walk</span>
        <select
          className="input input-small"
          aria-label="Walk by"
          value={order.kind}
          onChange={(event) => onChange(event.target.value === 'grid' ? walk : { kind: 'plot-number' })}
        >
          <option value="plot-number">Plot number</option>
          <option value="grid">Field position</option>
        </select>
      </label>
      {order.kind === 'grid' ? (
        <>
          <select
            className="input input-small"
            aria-label="Start corner"
            value={walk.start}
            onChange={(event) => change({ ...walk, start: optionOf(startCorners, event.target.value, walk.start) })}
          >
            {startCorners.map((corner) => (
              <option key={corner} value={corner}>
                {cornerLabels[corner]}
              </option>
            ))}
          </select>
          <select
            className="input input-small"
            aria-label="Direction"
            value={walk.direction}
            onChange={(event) => change({ ...walk, direction: optionOf(walkDirections, event.target.value, walk.direction) })}
          >
            {walkDirections.map((direction) => (
              <option key={direction} value={direction}>
                {directionLabels[direction]}
              </option>
            ))}
          </select>
          <select
            className="input input-small"
            aria-label="Pattern"
            value={walk.pattern}
            onChange={(event) => change({ ...walk, pattern: optionOf(walkPatterns, event.target.value, walk.pattern) })}
          >
            {walkPatterns.map((pattern) => (
              <option key={pattern} value={pattern}>
                {patternLabels[pattern]}
              </option>
            ))}
          </select>
          <WalkOrderDiagram walk={walk} />
        </>
      ) : null}
    </div>
  );
}
