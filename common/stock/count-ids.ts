import { v5 } from 'uuid';

/** Fixed for good: every count explanation id ever issued derives from it. */
const explanationNamespace = '5b0c7f5e-3f0e-4a8e-9a57-0d9c1e6f2b41';

/**
 * A count line has one explanation, and its row id follows from the line (UUID v5 of count, batch
 * and location), so two devices explaining the same line offline write the same row, and the later
 * explanation wins instead of two rows competing.
 */
export function explanationRowId(countId: string, batchId: string, locationId: string): string {
  return v5(`${countId.toLowerCase()}:${batchId.toLowerCase()}:${locationId.toLowerCase()}`, explanationNamespace);
}
