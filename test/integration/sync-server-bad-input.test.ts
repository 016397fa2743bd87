import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxPushBatch, protocolVersion } from '../../common/sync-protocol';
import { createEnrolmentCode, revokeDevice } from '../../sync-server/admin-operations';
import { observation, seedTrial, startSyncServerHarness, type HttpAnswer, type SyncServerHarness, type TestDevice, type TrialFixture } from '../harness/sync-server-harness';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

describe('sync server: bad input', () => {
  let harness: SyncServerHarness;
  let device: TestDevice;
  let fixture: TrialFixture;

  beforeAll(async () => {
    harness = await startSyncServerHarness({ longPollTimeoutMs: 300 });
    device = await harness.newTenantDevice();
    fixture = await seedTrial(device);
  });
  afterAll(async () => harness?.stop());

  async function logged(): Promise<number> {
    const result = await harness.owner.query<{ n: number }>('SELECT count(*)::int AS n FROM changes WHERE tenant_id = $1', [device.tenantId]);
    return result.rows[0]?.n ?? -1;
  }

  const push = (body: unknown, token: string | null = device.token): Promise<HttpAnswer> => harness.request('POST', '/v1/push', { token, body });
  const valid = (): ReturnType<typeof observation> => observation(device, fixture.unitIds[0] ?? '', fixture.heightId, '20.0');

  /** The answer is a 4xx with the error shape and a message that contains `words`; nothing was logged. */
  async function expectRefused(answer: HttpAnswer, status: number, code: string, words: string | RegExp, before: number): Promise<void> {
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ error: { code, message: expect.stringMatching(words) } });
    expect(await logged()).toBe(before);
  }

  it('answers malformed JSON with 400 in words, applying nothing', async () => {
    const before = await logged();
    const answer = await harness.request('POST', '/v1/push', { token: device.token, rawBody: `{"protocolVersion": 1, "changes": [${JSON.stringify(valid())}` });
    await expectRefused(answer, 400, 'validation', /not valid JSON/, before);
  });

  it('answers a body that is not a JSON object with 400', async () => {
    const before = await logged();
    await expectRefused(await push([valid()]), 400, 'validation', /must be a JSON object/, before);
  });

  it('answers wrong types with 400 naming where, and applies none of the push', async () => {
    const before = await logged();
    const good = valid();
    const answer = await push({ protocolVersion, changes: [good, { ...valid(), rowId: 'plot-7' }, { ...valid(), hlc: 17 }] });
    await expectRefused(answer, 400, 'validation', /changes\.1\.rowId/, before);
    expect((answer.body as ErrorBody).error.details?.['issues']).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'changes.2.hlc' })]));
    const stored = await harness.owner.query('SELECT 1 FROM observations WHERE tenant_id = $1 AND id = $2', [device.tenantId, good.rowId]);
    expect(stored.rowCount).toBe(0);
  });

  it('refuses a push naming an unknown entity, applying none of it', async () => {
    const before = await logged();
    const answer = await push({ protocolVersion, changes: [valid(), { ...valid(), entity: 'spaceships' }] });
    await expectRefused(answer, 400, 'validation', /changes\.1\.entity/, before);
  });

  it(`refuses a push of more than ${maxPushBatch} changes with 413, applying none of it`, async () => {
    const before = await logged();
    const changes = Array.from({ length: maxPushBatch + 1 }, () => valid());
    const answer = await push({ protocolVersion, changes });
    await expectRefused(answer, 413, 'validation', new RegExp(`at most ${maxPushBatch} changes; this one carries ${maxPushBatch + 1}`), before);
  });

  it('refuses a body over the size limit with 413 in words', async () => {
    const before = await logged();
    const huge = { ...valid(), fields: { ...valid().fields, timepoint: 'x'.repeat(11 * 1024 * 1024) } };
    await expectRefused(await push({ protocolVersion, changes: [huge] }), 413, 'validation', /larger than the server accepts \(10 MB\)/, before);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const answer = await harness.request('POST', '/v1/push', { token: device.token, rawBody: 'protocolVersion=1', headers: { 'content-type': 'text/plain' } });
    expect(answer.status).toBe(415);
    expect(answer.body).toMatchObject({ error: { code: 'validation', message: expect.stringContaining('only accepts JSON') } });
  });

  it('tells a device speaking a newer protocol that the server must be updated', async () => {
    const before = await logged();
    const answer = await push({ protocolVersion: protocolVersion + 1, changes: [valid()] });
    await expectRefused(answer, 400, 'validation', /server must be updated/, before);
  });

  it('tells a device speaking an older protocol to update Field Station, with 426, on every endpoint', async () => {
    const before = await logged();
    await expectRefused(await push({ protocolVersion: 0, changes: [valid()] }), 426, 'validation', /Update Field Station/, before);
    const enrol = await harness.request('POST', '/v1/enrol', { body: { protocolVersion: 0, code: 'ABCD-EFGH-JKMN', deviceName: 'Old laptop' } });
    expect(enrol).toMatchObject({ status: 426, body: { error: { message: expect.stringContaining('Update Field Station') } } });
    const pull = await harness.request('GET', '/v1/pull?after=0&protocolVersion=0', { token: device.token });
    expect(pull.status).toBe(426);
  });

  it('refuses requests without a token, with an unknown token, or from a revoked device, with 401 in words', async () => {
    const before = await logged();
    await expectRefused(await push({ protocolVersion, changes: [valid()] }, null), 401, 'unauthorized', /not connected to the sync server/, before);
    await expectRefused(await push({ protocolVersion, changes: [valid()] }, 'a'.repeat(43)), 401, 'unauthorized', /does not recognise this device/, before);
    const revoked = await harness.enrolDevice(device.tenantId, device.userId);
    await revokeDevice(harness.owner, revoked.deviceId);
    await expectRefused(await revoked.push([valid()]), 401, 'unauthorized', /revoked by an administrator.*Ask your administrator/, await logged());
    const pull = await harness.request('GET', '/v1/pull?after=0', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(pull.status).toBe(401);
  });

  it('refuses a pull cursor or limit the server never hands out', async () => {
    for (const query of ['after=abc', 'after=-1', 'after=99999999999999999999', 'after=9223372036854775808', 'after=0&limit=0', 'after=0&limit=ten']) {
      const answer = await harness.request('GET', `/v1/pull?${query}`, { token: device.token });
      expect({ query, status: answer.status }).toEqual({ query, status: 400 });
      expect(answer.body).toMatchObject({ error: { code: 'validation' } });
    }
  });

  it('redeems an enrolment code only once; a used, expired or unknown code gets 401 saying why', async () => {
    const { code } = await createEnrolmentCode(harness.owner, { tenantId: device.tenantId, userId: device.userId });
    const enrol = (c: string): Promise<HttpAnswer> => harness.request('POST', '/v1/enrol', { body: { protocolVersion, code: c, deviceName: 'Field laptop' } });
    const first = await enrol(code.toLowerCase().replace(/-/g, ' '));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ tenantId: device.tenantId, userId: device.userId, role: 'agronomist', stationIds: null, token: expect.any(String) });
    expect(await enrol(code)).toMatchObject({ status: 401, body: { error: { message: expect.stringContaining('already been used') } } });
    const expired = await createEnrolmentCode(harness.owner, { tenantId: device.tenantId, userId: device.userId, validForMs: -1000 });
    expect(await enrol(expired.code)).toMatchObject({ status: 401, body: { error: { message: expect.stringContaining('expired') } } });
    expect(await enrol('ZZZZ-ZZZZ-ZZZZ')).toMatchObject({ status: 401, body: { error: { message: expect.stringContaining('not valid') } } });
    const malformed = await harness.request('POST', '/v1/enrol', { body: { protocolVersion, code: 'abc' } });
    expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'validation' } } });
  });

  it('answers an unknown path with 404 in words', async () => {
    const answer = await harness.request('GET', '/v2/pull', { token: device.token });
    expect(answer).toMatchObject({ status: 404, body: { error: { code: 'not-found', message: expect.stringContaining('server address') } } });
  });

  it('keeps serving after all of the above', async () => {
    expect(await harness.request('GET', '/health')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await harness.request('GET', '/ready')).toEqual({ status: 200, body: { status: 'ready' } });
    const results = await device.pushOk([valid()]);
    expect(results.map((r) => r.status)).toEqual(['applied']);
    expect((await device.pull('0')).status).toBe(200);
  });
});
