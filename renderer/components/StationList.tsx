import type { StationSummary } from '../../common/api-contract';
import { formatDate } from '../format/value-text';
import { Spinner } from './Spinner';

interface StationListProps {
  stations: StationSummary[];
  openStationId: string | null;
  busyStationId: string | null;
  disabled: boolean;
  onOpen(station: StationSummary): void;
}

/** The stations kept on this computer, newest first, each with an Open button. */
export function StationList({ stations, openStationId, busyStationId, disabled, onOpen }: StationListProps) {
  const newestFirst = [...stations].reverse();
  return (
    <section className="card station-list" aria-labelledby="stations-heading">
      <h2 id="stations-heading">Stations on this computer</h2>
      <ul>
        {newestFirst.map((station) => (
          <li key={station.id} className="station-row" data-testid="station-row">
            <span className={`station-icon station-icon-${station.origin}`} aria-hidden="true">
              {station.name.slice(0, 1).toUpperCase()}
            </span>
            <span className="station-text">
              <span className="station-name">{station.name}</span>
              <span className="station-meta">
                {station.origin === 'demo' ? 'Demo data' : 'Your station'} · created {formatDate(station.createdAt)}
                {station.id === openStationId ? ' · open now' : ''}
              </span>
            </span>
            <button
              type="button"
              className="button button-primary"
              disabled={disabled}
              aria-label={`Open ${station.name}`}
              onClick={() => onOpen(station)}
            >
              {busyStationId === station.id ? (
                <>
                  <Spinner /> Opening…
                </>
              ) : station.id === openStationId ? (
                'Continue'
              ) : (
                'Open'
              )}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
