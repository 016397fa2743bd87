import type { ReactNode } from 'react';
import type { StationSummary } from '../../common/api-contract';
import { api } from '../api/api';
import type { LiveState } from '../api/transport';
import { hrefOf, type Route } from '../navigation/route';
import { BrandMark } from './BrandMark';
import { SyncIndicator } from './SyncIndicator';

interface AppFrameProps {
  station: StationSummary | null;
  route: Route;
  liveState: LiveState;
  children: ReactNode;
}

/** The top bar (app, station, navigation, sync and connection state) around every screen. */
export function AppFrame({ station, route, liveState, children }: AppFrameProps) {
  const inTrials = route.screen === 'trials' || route.screen === 'trial' || route.screen === 'study';
  const inStock = route.screen === 'stock' || route.screen === 'batch' || route.screen === 'locations';
  const inCounts = route.screen === 'counts' || route.screen === 'count';
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href={hrefOf({ screen: 'start' })} aria-label="Field Station: stations on this computer">
          <BrandMark />
          <span className="brand-name">Field Station</span>
        </a>
        {station ? (
          <>
            <div className="topbar-station" data-testid="station-name">
              <span className="topbar-station-label">Station</span>
              <span className="topbar-station-name">{station.name}</span>
            </div>
            <nav className="topbar-nav" aria-label="Main">
              <a href={hrefOf({ screen: 'trials' })} aria-current={inTrials ? 'page' : undefined}>
                Trials
              </a>
              <a href={hrefOf({ screen: 'stock' })} aria-current={inStock ? 'page' : undefined} data-testid="nav-stock">
                Stock
              </a>
              <a href={hrefOf({ screen: 'counts' })} aria-current={inCounts ? 'page' : undefined} data-testid="nav-counts">
                Counts
              </a>
            </nav>
          </>
        ) : null}
        <div className="topbar-end">
          {station ? <SyncIndicator current={route.screen === 'sync'} /> : null}
          {liveState === 'reconnecting' ? (
            <span className="chip chip-warning" role="status">
              Reconnecting to Field Station…
            </span>
          ) : null}
          {api.mode === 'web' ? <span className="chip chip-quiet">Web mode</span> : null}
          {station ? (
            <a className="button button-ghost button-on-dark" href={hrefOf({ screen: 'start' })}>
              Change station
            </a>
          ) : null}
        </div>
      </header>
      <main className="app-main" id="main">
        {children}
      </main>
    </div>
  );
}
