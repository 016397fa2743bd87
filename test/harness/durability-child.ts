// A child process for the durability tests: opens a station and records observations as fast as
// it can, printing `ACK <id>` only after each record call resolved (i.e. the app said "saved").
import { z } from 'zod';
import { recordObservation } from '../../main/observations/record-observation';
import { openLocalStation } from './local-station';

const env = z
  .object({
    DATA_FOLDER: z.string(),
    STATION: z.string(),
    UNIT_ID: z.uuid(),
    VARIABLE_ID: z.uuid(),
    LIMIT: z.coerce.number().int().positive().default(1_000_000),
  })
  .parse(process.env);

const station = z
  .object({ id: z.uuid(), name: z.string(), origin: z.enum(['demo', 'local']), createdAt: z.string() })
  .parse(JSON.parse(env.STATION));
const session = await openLocalStation(env.DATA_FOLDER, station);
process.stdout.write('READY\n');
for (let i = 0; i < env.LIMIT; i += 1) {
  const saved = await recordObservation(session, {
    unitId: env.UNIT_ID,
    variableId: env.VARIABLE_ID,
    value: String((i % 2400) / 10),
    timepoint: `t${i}`,
  });
  process.stdout.write(`ACK ${saved.id}\n`);
}
await session.close();
process.stdout.write('DONE\n');
