import { useApiData } from '../../api/use-api-data';
import { formatDateTime } from '../../format/value-text';
import { hrefOf } from '../../navigation/route';
import { quantityText } from '../../stock/stock-text';
import '../../styles/stock.css';

const tables = ['stock_movements', 'stock_batches', 'germplasm'];

/**
 * The seed lots a study consumed (its sowings), each linking to the lot's page. Made for the
 * study's screen, which its owners place; nothing is shown while the study has no sowings.
 */
export function StudyLots({ studyId }: { studyId: string }) {
  const lots = useApiData('stock:study-lots', { studyId }, tables);
  if (lots.data === null || lots.data.length === 0) return null;
  return (
    <section className="stock-study-lots" aria-labelledby="study-lots-heading" data-testid="study-lots">
      <h2 id="study-lots-heading" className="section-heading">
        Seed sown from
      </h2>
      <ul>
        {lots.data.map((lot) => (
          <li key={lot.batchId}>
            <a href={hrefOf({ screen: 'batch', batchId: lot.batchId })}>{lot.code}</a>
            {lot.germplasmName ? ` (${lot.germplasmName})` : ''}: {quantityText(lot.sown, lot.unit)} in {lot.sowings} sowing{lot.sowings === 1 ? '' : 's'}, last{' '}
            {formatDateTime(lot.lastSownAt)}
          </li>
        ))}
      </ul>
    </section>
  );
}
