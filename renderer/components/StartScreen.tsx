import { useState } from 'react';
import type { StationSummary } from '../../common/api-contract';
import { api } from '../api/api';
import { asApiCallError, type ApiCallError } from '../api/api-call-error';
import { useElapsedSeconds } from '../hooks/use-elapsed-seconds';
import { DemoStationCard } from './DemoStationCard';
import { NewStationCard } from './NewStationCard';
import { ProblemNotice } from './ProblemNotice';
import { StationList } from './StationList';

export type StartTask = { kind: 'demo' } | { kind: 'empty' } | { kind: 'open'; stationId: string };

interface StartScreenProps {
  stations: StationSummary[];
  unreadableFolders: string[];
  openStationId: string | null;
  onOpened(station: StationSummary): void;
}

/** The first screen: the stations on this computer, the demo, and a new empty station. */
export function StartScreen({ stations, unreadableFolders, openStationId, onOpened }: StartScreenProps) {
  const [busy, setBusy] = useState<{ task: StartTask; since: number } | null>(null);
  const [problem, setProblem] = useState<{ task: StartTask; error: ApiCallError } | null>(null);
  const elapsed = useElapsedSeconds(busy?.since ?? null);

  const run = async (task: StartTask, work: () => Promise<StationSummary>): Promise<void> => {
    if (busy) return;
    setBusy({ task, since: Date.now() });
    setProblem(null);
    try {
      onOpened(await work());
    } catch (error) {
      setProblem({ task, error: asApiCallError(error, task.kind === 'open' ? 'stations:open' : `stations:create-${task.kind}`) });
    } finally {
      setBusy(null);
    }
  };

  const open = (station: StationSummary): Promise<void> =>
    run({ kind: 'open', stationId: station.id }, () => api.call('stations:open', { stationId: station.id }));
  const createDemo = (): Promise<void> => run({ kind: 'demo' }, () => api.call('stations:create-demo', {}));
  const createEmpty = (name: string): Promise<void> => run({ kind: 'empty' }, () => api.call('stations:create-empty', { name }));

  const latestDemo = [...stations].reverse().find((s) => s.origin === 'demo') ?? null;
  const openProblem = problem?.task.kind === 'open' ? problem : null;

  return (
    <div className="page start">
      <div className="start-intro">
        <h1>{stations.length === 0 ? 'Welcome to Field Station' : 'Choose a station'}</h1>
        <p className="lead">
          Record trial observations plot by plot and keep your station’s stock, all on this computer. No network
          needed: everything is saved here first.
        </p>
      </div>

      {openProblem ? (
        <ProblemNotice error={openProblem.error}>
          <button type="button" className="button" onClick={() => setProblem(null)}>
            Dismiss
          </button>
        </ProblemNotice>
      ) : null}

      {unreadableFolders.length > 0 ? (
        <div className="notice notice-problem" role="status">
          <p className="notice-title">Some station folders could not be read</p>
          <p className="notice-body">
            Field Station left them untouched. Keep a copy of them before anything else, and ask for help restoring
            them: {unreadableFolders.join(', ')}
          </p>
        </div>
      ) : null}

      {stations.length > 0 ? (
        <StationList
          stations={stations}
          openStationId={openStationId}
          busyStationId={busy?.task.kind === 'open' ? busy.task.stationId : null}
          disabled={busy !== null}
          onOpen={(station) => void open(station)}
        />
      ) : null}

      <section className="start-actions" aria-label="Get started">
        <DemoStationCard
          existing={latestDemo}
          busy={busy?.task.kind === 'demo' || (busy?.task.kind === 'open' && busy.task.stationId === latestDemo?.id)}
          creating={busy?.task.kind === 'demo'}
          elapsedSeconds={elapsed}
          disabled={busy !== null}
          error={problem?.task.kind === 'demo' ? problem.error : null}
          onOpen={() => void (latestDemo ? open(latestDemo) : createDemo())}
          onCreateCopy={() => void createDemo()}
        />
        <NewStationCard
          busy={busy?.task.kind === 'empty'}
          disabled={busy !== null}
          error={problem?.task.kind === 'empty' ? problem.error : null}
          onCreate={(name) => void createEmpty(name)}
        />
      </section>
    </div>
  );
}
