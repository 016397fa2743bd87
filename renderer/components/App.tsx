import { useState } from 'react';
import type { StationSummary, SyncStatus } from '../../common/api-contract';
import { api } from '../api/api';
import type { LiveState } from '../api/transport';
import { useApiData } from '../api/use-api-data';
import { useApiEvent, useLiveStateEffect } from '../api/use-api-event';
import { navigate } from '../navigation/route';
import { useRoute } from '../navigation/use-route';
import { AppFrame } from './AppFrame';
import { LoadingState } from './LoadingState';
import { ProblemNotice } from './ProblemNotice';
import { SignedOutScreen } from './SignedOutScreen';
import { StartScreen } from './StartScreen';
import { StudyScreen } from './StudyScreen';
import { SyncScreen } from './SyncScreen';
import { TrialScreen } from './TrialScreen';
import { BatchScreen } from './stock/BatchScreen';
import { CountScreen } from './counts/CountScreen';
import { CountsScreen } from './counts/CountsScreen';
import { LocationsScreen } from './stock/LocationsScreen';
import { StockScreen } from './stock/StockScreen';
import { TrialsScreen } from './TrialsScreen';

/** The whole app: which station is open, and the screen the address asks for. */
export function App() {
  const route = useRoute();
  const info = useApiData('app:get-info', {}, []);
  const listing = useApiData('stations:list', {}, []);
  const [liveState, setLiveState] = useState<LiveState>('connecting');
  useLiveStateEffect(setLiveState);
  useApiEvent('app:status', () => {
    info.reload();
    listing.reload();
  });

  // Connecting reopens the station under its new identity: keep showing it meanwhile.
  const [reopening, setReopening] = useState<StationSummary | null>(null);
  const openStationId = info.data?.openStationId ?? null;
  const station = listing.data?.stations.find((s) => s.id === openStationId) ?? reopening;

  const opened = (summary: StationSummary): void => {
    info.patch((data) => ({ ...data, openStationId: summary.id }));
    listing.patch((data) =>
      data.stations.some((s) => s.id === summary.id) ? data : { ...data, stations: [...data.stations, summary] },
    );
    navigate({ screen: 'trials' });
  };

  const connect = async (serverUrl: string, code: string): Promise<SyncStatus> => {
    if (!station) throw new Error('No station is open.');
    const reopened = station;
    setReopening(reopened);
    try {
      const status = await api.call('sync:connect', { serverUrl, code });
      info.patch((data) => ({ ...data, openStationId: reopened.id }));
      return status;
    } finally {
      setReopening(null);
    }
  };

  if (api.mode === 'web' && (liveState === 'signed-out' || info.error?.code === 'unauthorized')) {
    return <SignedOutScreen />;
  }

  let content;
  if (info.data === null || listing.data === null) {
    const error = info.error ?? listing.error;
    content = error ? (
      <div className="page page-narrow">
        <ProblemNotice error={error}>
          <button type="button" className="button" onClick={() => {
              info.reload();
              listing.reload();
            }}>
            Try again
          </button>
        </ProblemNotice>
      </div>
    ) : (
      <LoadingState label="Starting Field Station…" />
    );
  } else if (route.screen === 'start' || station === null) {
    content = <StartScreen stations={listing.data.stations} unreadableFolders={listing.data.unreadableFolders} openStationId={openStationId} onOpened={opened} />;
  } else if (route.screen === 'trials') {
    content = <TrialsScreen station={station} />;
  } else if (route.screen === 'sync') {
    content = <SyncScreen station={station} onConnect={connect} />;
  } else if (route.screen === 'trial') {
    content = <TrialScreen key={route.trialId} trialId={route.trialId} />;
  } else if (route.screen === 'stock') {
    content = <StockScreen />;
  } else if (route.screen === 'batch') {
    content = <BatchScreen key={route.batchId} batchId={route.batchId} />;
  } else if (route.screen === 'locations') {
    content = <LocationsScreen />;
  } else if (route.screen === 'counts') {
    content = <CountsScreen />;
  } else if (route.screen === 'count') {
    content = <CountScreen key={route.countId} countId={route.countId} />;
  } else {
    content = <StudyScreen key={route.studyId} studyId={route.studyId} />;
  }

  return (
    <AppFrame station={route.screen === 'start' ? null : station} route={route} liveState={liveState}>
      {content}
    </AppFrame>
  );
}
