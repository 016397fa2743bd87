import { z } from 'zod';
import { entityNames } from './entities';

/**
 * The sync protocol between a device and the central server (docs/sync-protocol.md).
 * The server accepts `protocolVersion` from `oldestSupportedProtocolVersion` to `protocolVersion`;
 * an older device is told to update, in words.
 */
export const protocolVersion = 1;
export const oldestSupportedProtocolVersion = 1;

/** The most changes one push may carry; a larger outbox is pushed in several requests. */
export const maxPushBatch = 1000;
/** The most changes one pull page returns. */
export const maxPullPage = 5000;

export const hlcPattern = /^\d{13}:\d{6}:[0-9a-f-]{36}$/;

const uuid = z.uuid();

export const operationSchema = z.enum(['insert', 'update', 'delete']);

export const changeSchema = z
  .object({
    changeId: uuid,
    entity: z.enum(entityNames),
    operation: operationSchema,
    rowId: uuid,
    fields: z.record(z.string(), z.unknown()),
    hlc: z.string().regex(hlcPattern, 'must be a hybrid clock value'),
    schemaVersion: z.number().int().positive(),
  })
  .strict();
export type Change = z.infer<typeof changeSchema>;

export const pushRequestSchema = z
  .object({
    protocolVersion: z.number().int().positive(),
    changes: z.array(changeSchema).max(maxPushBatch, `send at most ${maxPushBatch} changes per push`),
  })
  .strict();
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** Why the server refused one change. The device keeps the change and shows the reason. */
/**
 * How far ahead of the server's clock a change's clock may be. A device whose date is wrong by more
 * would otherwise win every last-writer-wins merge for as long as it is ahead, and pass its clock
 * on to every device that pulls its changes.
 */
export const maxClockAheadMs = 24 * 60 * 60 * 1000;

export const rejectionCodes = [
  'forbidden',
  'invalid-field',
  'invalid-value',
  'unknown-reference',
  'conflict',
  'depends-on-rejected',
  'unsupported-schema',
] as const;
export type RejectionCode = (typeof rejectionCodes)[number];

export const pushResultSchema = z.discriminatedUnion('status', [
  z.object({ changeId: uuid, status: z.literal('applied') }).strict(),
  z.object({ changeId: uuid, status: z.literal('duplicate') }).strict(),
  z.object({ changeId: uuid, status: z.literal('rejected'), code: z.enum(rejectionCodes), message: z.string() }).strict(),
]);
export type PushResult = z.infer<typeof pushResultSchema>;

export const pushResponseSchema = z.object({ results: z.array(pushResultSchema), serverClock: z.string() }).strict();
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** A cursor is the server's per-tenant sequence number, as a decimal string (it is a bigint). */
export const cursorSchema = z.string().regex(/^\d{1,19}$/, 'must be a cursor returned by the server');

export const pulledChangeSchema = z
  .object({
    seq: cursorSchema,
    changeId: uuid,
    entity: z.enum(entityNames),
    operation: operationSchema,
    rowId: uuid,
    fields: z.record(z.string(), z.unknown()),
    hlc: z.string(),
    userId: uuid.nullable(),
    deviceId: uuid.nullable(),
    changedAt: z.string(),
  })
  .strict();
export type PulledChange = z.infer<typeof pulledChangeSchema>;

export const pullResponseSchema = z
  .object({ changes: z.array(pulledChangeSchema), cursor: cursorSchema, hasMore: z.boolean() })
  .strict();
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const enrolRequestSchema = z
  .object({
    protocolVersion: z.number().int().positive(),
    code: z.string().trim().min(6, 'the enrolment code is too short').max(64),
    deviceName: z.string().trim().min(1).max(120),
  })
  .strict();
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

export const enrolResponseSchema = z
  .object({
    token: z.string(),
    tenantId: uuid,
    tenantName: z.string(),
    deviceId: uuid,
    userId: uuid,
    userName: z.string(),
    role: z.string(),
    stationIds: z.array(uuid).nullable(),
  })
  .strict();
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

/** The server's current version of one row (to restore a record after a rejected edit is discarded). */
export const serverRowSchema = z
  .object({
    entity: z.enum(entityNames),
    rowId: uuid,
    fields: z.record(z.string(), z.unknown()),
    fieldClocks: z.record(z.string(), z.string()),
    deleted: z.boolean(),
    hlc: z.string(),
  })
  .strict();
export type ServerRow = z.infer<typeof serverRowSchema>;
