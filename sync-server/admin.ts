// The admin command line: npm run server:admin -- <command> [options]. Uses the owner connection
// (DATABASE_OWNER_URL, or DATABASE_URL when that is the owner).
import { parseArgs } from 'node:util';
import pg from 'pg';
import { AppError } from '../common/errors';
import { createEnrolmentCode, createTenant, createUser, revokeDevice } from './admin-operations';
import { assertOwnerBypassesRls, migrationState } from './migrate';
import { ServerClock } from './server-clock';

const usage = `Usage: npm run server:admin -- <command> [options]
  create-tenant --name <name>
  create-user   --tenant <tenant id> --name <name> --role <admin|station-manager|agronomist|viewer> [--email <address>]
  enroll-device --tenant <tenant id> --user <user id> [--stations <station id>,<station id>]
  revoke-device --device <device id>
Connects with DATABASE_OWNER_URL (or DATABASE_URL).
`;

const out = (text: string): void => void process.stdout.write(`${text}\n`);

function option(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new AppError('validation', `${usage}\nMissing --${name}.`);
  return value.trim();
}

async function run(pool: pg.Pool, command: string | undefined, values: Record<string, string | boolean | undefined>): Promise<void> {
  const clock = new ServerClock();
  switch (command) {
    case 'create-tenant': {
      const id = await createTenant(pool, clock, option(values, 'name'));
      out(`tenant id: ${id}`);
      return;
    }
    case 'create-user': {
      const email = typeof values['email'] === 'string' ? values['email'] : null;
      const id = await createUser(pool, clock, { tenantId: option(values, 'tenant'), name: option(values, 'name'), role: option(values, 'role'), email });
      out(`user id: ${id}`);
      return;
    }
    case 'enroll-device': {
      const stations = typeof values['stations'] === 'string' ? values['stations'].split(',').map((s) => s.trim()).filter(Boolean) : null;
      const issued = await createEnrolmentCode(pool, { tenantId: option(values, 'tenant'), userId: option(values, 'user'), stationIds: stations });
      out(`enrolment code: ${issued.code}`);
      out(`expires: ${issued.expiresAt.toISOString()} (one use; enter it in Field Station's "Connect to server" screen)`);
      return;
    }
    case 'revoke-device': {
      const revoked = await revokeDevice(pool, option(values, 'device'));
      out(`revoked device ${revoked.deviceId} ("${revoked.name}") of tenant ${revoked.tenantId}`);
      return;
    }
    default:
      throw new AppError('validation', usage);
  }
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' }, tenant: { type: 'string' }, role: { type: 'string' }, email: { type: 'string' },
      user: { type: 'string' }, stations: { type: 'string' }, device: { type: 'string' },
    },
  });
  const url = process.env['DATABASE_OWNER_URL'] ?? process.env['DATABASE_URL'];
  if (!url) throw new AppError('validation', `${usage}\nSet DATABASE_OWNER_URL to the owner's connection string.`);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await assertOwnerBypassesRls(client);
      const state = await migrationState(client);
      if (state.state !== 'current') throw new AppError('conflict', 'The database is not at this version\'s migrations. Start the sync server once (it migrates), then run this command again.');
    } finally {
      client.release();
    }
    await run(pool, positionals[0], values);
    return 0;
  } finally {
    await pool.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
