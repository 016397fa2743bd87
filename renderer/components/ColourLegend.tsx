import type { ColourLegend as Legend } from '../recording/value-colours';

/** What the grid's colours mean: a low–high ramp, or one swatch per category. */
export function ColourLegend({ legend }: { legend: Legend }) {
  if (legend.kind === 'range') {
    return (
      <span className="colour-legend" data-testid="colour-legend">
        <span>{legend.low}</span>
        <span className="colour-ramp" style={{ background: legend.gradient }} aria-hidden="true" />
        <span>{legend.high}</span>
        <span className="colour-swatch colour-none" aria-hidden="true" />
        <span>not recorded</span>
      </span>
    );
  }
  return (
    <span className="colour-legend" data-testid="colour-legend">
      {legend.items.map((item) => (
        <span key={item.label} className="colour-item">
          <span className="colour-swatch" style={{ background: item.colour }} aria-hidden="true" />
          {item.label}
        </span>
      ))}
      <span className="colour-item">
        <span className="colour-swatch colour-none" aria-hidden="true" />
        not recorded
      </span>
    </span>
  );
}
