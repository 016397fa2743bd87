import type { FastifyInstance } from 'fastify';
import { AppError } from '../common/errors';
import { newId } from '../common/ids';
import { enrolRequestSchema, type EnrolResponse } from '../common/sync-protocol';
import { appendToLog } from './change-log';
import { setTenant, withTransaction } from './db/transaction';
import { hashSecret, newDeviceToken, normaliseEnrolmentCode } from './enrolment-codes';
import { invalidRequest } from './http-errors';
import { checkBodyProtocolVersion } from './protocol-version';
import type { ServerDeps } from './server-deps';

interface RedeemRow {
  outcome: 'enrolled' | 'unknown' | 'used' | 'expired';
  tenant_id: string;
  tenant_name: string;
  user_id: string;
  user_name: string;
  role: string;
  station_ids: string[] | null;
}

type Refusal = Exclude<RedeemRow['outcome'], 'enrolled'>;

const refusals: Record<Refusal, string> = {
  unknown: 'That enrolment code is not valid. Check it for typing mistakes, or ask your administrator for a new one.',
  used: 'That enrolment code has already been used: each code connects one device. Ask your administrator for a new one.',
  expired: 'That enrolment code has expired (codes last 7 days). Ask your administrator for a new one.',
};

/**
 * POST /v1/enrol: a one-time code becomes a device and its token. The code is redeemed through the
 * owner's SECURITY DEFINER function (the tenant is not known yet); the new device is then logged
 * in its tenant's change stream in the same transaction. Only the token's hash is stored.
 */
export function registerEnrol(app: FastifyInstance, deps: ServerDeps): void {
  app.post('/v1/enrol', async (request): Promise<EnrolResponse> => {
    checkBodyProtocolVersion(request.body);
    const parsed = enrolRequestSchema.safeParse(request.body);
    if (!parsed.success) throw invalidRequest('enrolment request', parsed.error);
    const { code, deviceName } = parsed.data;
    const token = newDeviceToken();
    const deviceId = newId();
    const hlc = deps.clock.next();
    const outcome = await withTransaction(deps.pool, async (client) => {
      const redeemed = await client.query<RedeemRow>(
        `SELECT outcome, tenant_id::text, tenant_name, user_id::text, user_name, role, station_ids::text[]
           FROM redeem_enrolment_code($1, $2, $3, $4, $5)`,
        [hashSecret(normaliseEnrolmentCode(code)), deviceId, deviceName, hashSecret(token), hlc],
      );
      const row = redeemed.rows[0];
      if (!row || row.outcome !== 'enrolled') {
        const refusal: Refusal = row && row.outcome !== 'enrolled' ? row.outcome : 'unknown';
        return { row: null, refusal } as const;
      }
      const tx = await setTenant(client, row.tenant_id);
      const fields = { name: deviceName, user_id: row.user_id, station_ids: row.station_ids };
      const lastSeq = await appendToLog(tx, [{ changeId: newId(), entity: 'devices', operation: 'insert', rowId: deviceId, fields, hlc }], {
        userId: row.user_id,
        deviceId,
      });
      return { row, lastSeq } as const;
    });
    if (outcome.row === null) {
      request.log.warn({ outcome: outcome.refusal }, 'enrolment refused');
      throw new AppError('unauthorized', refusals[outcome.refusal], { reason: `code-${outcome.refusal}` });
    }
    const { row } = outcome;
    deps.notifier.publish(row.tenant_id, outcome.lastSeq);
    request.log.info({ tenantId: row.tenant_id, deviceId, userId: row.user_id }, 'device enrolled');
    return {
      token,
      tenantId: row.tenant_id,
      tenantName: row.tenant_name,
      deviceId,
      userId: row.user_id,
      userName: row.user_name,
      role: row.role,
      stationIds: row.station_ids,
    };
  });
}
