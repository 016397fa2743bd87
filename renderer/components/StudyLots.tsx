import type { StudyLot } from '../../common/stock/stock-results';
import type { StockUnit } from '../../common/vocabulary';
import { useApiData } from '../api/use-api-data';
import { quantityWithUnit } from '../counts/count-wording';
import { formatDate } from '../format/value-text';
import { hrefOf } from '../navigation/route';
import '../styles/counts.css';

const lotTables = ['stock_movements', 'stock_batches', 'germplasm'];
/** Up to this many lots are listed inline; more fold into "Sown from 22 seed lots". */
const inlineLots = 2;

function LotItem({ lot }: { lot: StudyLot }) {
  return (
    <li data-testid={`study-lot-${lot.code}`}>
      <a className="count-code" href={hrefOf({ screen: 'batch', batchId: lot.batchId })}>
        {lot.code}
      </a>
      {lot.germplasmName ? <span className="muted"> {lot.germplasmName}</span> : null} · {quantityWithUnit(lot.sown, lot.unit)}
      {lot.sowings > 1 ? ` in ${lot.sowings} sowings, last ` : ', '}
      {formatDate(lot.lastSownAt)}
    </li>
  );
}

/** "5,124 seeds, 300 grams": what the lots gave, per unit. */
function sownTotals(lots: readonly StudyLot[]): string {
  const totals = new Map<StockUnit, number>();
  for (const lot of lots) totals.set(lot.unit, (totals.get(lot.unit) ?? 0) + lot.sown);
  return [...totals].map(([unit, sown]) => quantityWithUnit(Math.round(sown * 1000) / 1000, unit)).join(', ');
}

/** The seed lots sown into a study (its `sow` movements), with how much and when; nothing when none. */
export function StudyLots({ studyId }: { studyId: string }) {
  const lots = useApiData('stock:study-lots', { studyId }, lotTables);
  if (lots.data === null || lots.data.length === 0) return null;
  const list = (
    <ul className="study-lots-list">
      {lots.data.map((lot) => (
        <LotItem key={lot.batchId} lot={lot} />
      ))}
    </ul>
  );
  if (lots.data.length <= inlineLots) {
    return (
      <section className="study-lots" aria-label="Seed lots sown into this study" data-testid="study-lots">
        <span className="study-lots-label">Sown from</span>
        {list}
      </section>
    );
  }
  return (
    <details className="study-lots study-lots-folded" data-testid="study-lots">
      <summary>
        <span className="study-lots-label">Sown from</span> {lots.data.length} seed lots: {sownTotals(lots.data)}
      </summary>
      {list}
    </details>
  );
}
