import { z } from 'zod';
import { fieldValueProblem } from '../field-values';
import { batchKinds, countStatuses, locationKinds, stockUnits } from '../vocabulary';
import type { StockMethod } from './stock-methods';
import { parseQuantity } from './quantity';

const id = z.uuid({ error: 'must be an id (UUID)' });
/** A batch or location named by its id, its code or its barcode (what a scanner types). */
const ref = z.string({ error: 'scan or type a code' }).trim().min(1, 'scan or type a code').max(120, 'use at most 120 characters');
const text = (max: number, empty: string): z.ZodString => z.string().trim().min(1, empty).max(max, `use at most ${max} characters`);
const optionalText = (max: number): z.ZodOptional<z.ZodNullable<z.ZodString>> => z.string().trim().max(max, `use at most ${max} characters`).nullable().optional();
const quantityWords = {
  'not-a-number': 'enter a number with a dot for decimals and no thousands separators, like 250 or 12.5',
  'too-precise': 'use at most 3 decimal places',
  'too-large': 'that is too large for a stock quantity: check the number',
} as const;
/** A quantity as typed or sent: a number or decimal text. Its sign and unit are checked by the domain. */
const quantity = z.union([z.number(), z.string().max(40)], { error: quantityWords['not-a-number'] }).superRefine((value, context) => {
  const parsed = parseQuantity(value);
  if (!parsed.ok) context.addIssue({ code: 'custom', message: quantityWords[parsed.problem] });
});
const when = z.iso.datetime({ offset: true, error: 'must be a date and time with a zone, like 2026-05-14T09:30:00Z' });
const day = z.iso.date({ error: 'must be a date written as YYYY-MM-DD' });
const unit = z.enum(stockUnits, { error: `must be one of ${stockUnits.join(', ')}` });
const code = z
  .string({ error: 'give it a code' })
  .trim()
  .min(1, 'give it a code')
  .max(60, 'use at most 60 characters')
  .regex(/^[^\s,;]+(?: [^\s,;]+)*$/, 'use letters, digits and dashes, without commas or semicolons');

const movementCommon = {
  batch: ref,
  /** The unit the user entered the quantity in: refused when it is not the batch's. */
  unit: unit.optional(),
  occurredAt: when.optional(),
};

const onHandFilter = z
  .object({
    location: ref.optional(),
    kind: z.enum(batchKinds).optional(),
    germplasmId: id.optional(),
    batch: ref.optional(),
    nonPositiveOnly: z.boolean().optional(),
    asOf: when.optional(),
  })
  .strict();

const countId = z.object({ countId: id }).strict();

const geometry = z.unknown().superRefine((value, context) => {
  const problem = fieldValueProblem('geometry', { type: 'geometry', nullable: true }, value);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

/** One runtime schema per stock method's arguments (spread into common/api-contract.ts). */
export const stockArgumentSchemas = {
  'stock:receive': z
    .object({
      code,
      barcode: optionalText(120),
      kind: z.enum(batchKinds, { error: `must be one of ${batchKinds.join(', ')}` }),
      germplasmId: id.nullable().optional(),
      unit,
      quantity,
      location: ref,
      source: optionalText(200),
      receivedOn: day.optional(),
      unitCost: z.union([z.number().nonnegative('a unit cost cannot be negative'), z.string().regex(/^\d+(\.\d+)?$/, 'write the unit cost as a number, like 0.25')]).nullable().optional(),
      occurredAt: when.optional(),
    })
    .strict(),
  'stock:move': z.discriminatedUnion(
    'kind',
    [
      z.object({ kind: z.literal('transfer'), ...movementCommon, from: ref, to: ref, quantity, reason: optionalText(500) }).strict(),
      z
        .object({
          kind: z.literal('sow'),
          ...movementCommon,
          from: ref,
          studyId: id,
          quantityPerPlot: quantity,
          /** How many plots were sown; the study's plot count when left out. */
          plots: z.number().int('plots must be a whole number').positive('plots must be above zero').max(1_000_000).optional(),
          reason: optionalText(500),
        })
        .strict(),
      z
        .object({
          kind: z.literal('split'),
          ...movementCommon,
          from: ref,
          quantity,
          newCode: code,
          newBarcode: optionalText(120),
          /** Where the new batch goes; where it was taken from when left out. */
          to: ref.optional(),
          reason: optionalText(500),
        })
        .strict(),
      z.object({ kind: z.literal('dispose'), ...movementCommon, from: ref, quantity, reason: text(500, 'say why it was disposed of') }).strict(),
      z
        .object({
          kind: z.literal('adjust'),
          ...movementCommon,
          location: ref,
          /** Positive adds stock, negative removes it. */
          quantity,
          reason: text(500, 'say why the stock is adjusted'),
        })
        .strict(),
    ],
    { error: 'kind must be one of transfer, sow, split, dispose, adjust' },
  ),
  'stock:on-hand': onHandFilter,
  'stock:on-hand-csv': onHandFilter,
  'stock:batch-detail': z.object({ batch: ref }).strict(),
  'stock:find-code': z.object({ code: ref }).strict(),
  'stock:exceptions': z.object({ location: ref.optional() }).strict(),
  'stock:study-lots': z.object({ studyId: id }).strict(),
  'counts:list': z.object({ status: z.enum(countStatuses).optional() }).strict(),
  'counts:start': z
    .object({ location: ref, name: optionalText(200), snapshotAt: when.optional(), note: optionalText(2000) })
    .strict(),
  'counts:record-line': z.object({ countId: id, batch: ref, location: ref, quantity, unit: unit.optional() }).strict(),
  'counts:explain': z
    .object({ countId: id, batchId: id, locationId: id, explanation: z.string().trim().max(2000, 'use at most 2000 characters') })
    .strict(),
  'counts:variances': countId,
  'counts:approve': z
    .object({
      countId: id,
      /** Lines expected but never counted: left alone (default), or taken as counted zero. */
      uncounted: z.enum(['leave', 'zero']).optional(),
    })
    .strict(),
  'counts:cancel': countId,
  'counts:report': countId,
  'counts:report-csv': countId,
  'counts:report-pdf': countId,
  'stock:labels-pdf': z
    .object({
      batches: z.array(ref).max(2000, 'print at most 2,000 labels at once').optional(),
      locations: z.array(ref).max(2000, 'print at most 2,000 labels at once').optional(),
      symbology: z.enum(['code128', 'qr']),
      pageSize: z.enum(['A4', 'Letter']).optional(),
    })
    .strict(),
  'locations:tree': z.object({ includeArchived: z.boolean().optional() }).strict(),
  'locations:create': z
    .object({
      parentId: id.nullable(),
      kind: z.enum(locationKinds, { error: `must be one of ${locationKinds.join(', ')}` }),
      code,
      name: text(200, 'give the location a name'),
      geometry: geometry.optional(),
    })
    .strict(),
  'locations:rename': z
    .object({ locationId: id, name: text(200, 'give the location a name').optional(), code: code.optional() })
    .strict()
    .refine((args) => args.name !== undefined || args.code !== undefined, { message: 'give a new name or a new code', path: ['name'] }),
  'locations:move': z.object({ locationId: id, parentId: id }).strict(),
  'locations:set-outline': z
    .object({ locationId: id, geoJson: z.string().max(5_000_000, 'the outline file is too large (at most 5 MB)').nullable() })
    .strict(),
  'locations:archive': z.object({ locationId: id }).strict(),
} as const satisfies Record<StockMethod, z.ZodType>;
