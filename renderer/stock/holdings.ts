import type { ApiCallError } from '../api/api-call-error';
import { stockUnits, type StockUnit } from '../../common/vocabulary';

/** What a location holds, as `locations:archive` lists it when it refuses (details.holdings). */
export interface Holding {
  batchCode: string;
  locationCode: string;
  quantity: number;
  unit: StockUnit;
}

function isHolding(value: unknown): value is Holding {
  if (typeof value !== 'object' || value === null) return false;
  const unit: unknown = Reflect.get(value, 'unit');
  return (
    typeof Reflect.get(value, 'batchCode') === 'string' &&
    typeof Reflect.get(value, 'locationCode') === 'string' &&
    typeof Reflect.get(value, 'quantity') === 'number' &&
    typeof unit === 'string' &&
    (stockUnits as readonly string[]).includes(unit)
  );
}

/** The stock listed with an archive refusal; empty for any other error. */
export function holdingsOf(error: ApiCallError | null): Holding[] {
  const holdings = error?.details?.['holdings'];
  return Array.isArray(holdings) ? holdings.filter(isHolding) : [];
}
