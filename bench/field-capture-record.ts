// The service half of save-and-advance: `observations:record` in process on the mid-season station,
// plot after plot, so the Chromium figure can be split into the write and everything around it.
import { recordObservation } from '../main/observations/record-observation';
import type { StationSession } from '../main/stations/station-session';
import { context, ms, summarise, type Figure } from './field-capture-report';
import { statementLines, traceReplica } from './query-trace';

export async function recordFigures(session: StationSession, studyId: string, count: number): Promise<Figure[]> {
  const [height] = await session.replica.query<{ id: string }>(`SELECT id FROM observation_variables WHERE name = 'Plant height' AND NOT deleted`);
  const plots = await session.replica.query<{ id: string }>(
    'SELECT id FROM observation_units WHERE study_id = $1 AND NOT deleted ORDER BY plot_number DESC LIMIT $2',
    [studyId, count + 5],
  );
  if (!height || plots.length < count + 5) throw new Error('The mid-season study has too few plots or no Plant height.');
  const record = (unitId: string, i: number) => recordObservation(session, { unitId, variableId: height.id, value: (84 + (i % 31) / 2).toFixed(1) });
  for (const [i, plot] of plots.slice(0, 5).entries()) await record(plot.id, i);
  const times: number[] = [];
  const trace = traceReplica(session.replica);
  const started = performance.now();
  for (const [i, plot] of plots.slice(5).entries()) {
    const at = performance.now();
    await record(plot.id, i);
    times.push(performance.now() - at);
  }
  statementLines(`observations:record × ${count}, in process`, trace.stop(), performance.now() - started, 6);
  const s = summarise(times);
  return [context('observations:record in process, p50 / p99', `${ms(s.p50, 1)} / ${ms(s.p99, 1)}`, `${count} saves, one durable commit each; p95 ${ms(s.p95, 1)}, max ${ms(s.max, 1)}`)];
}
