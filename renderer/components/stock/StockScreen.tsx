import { useEffect, useMemo, useState } from 'react';
import type { MovementResult } from '../../../common/stock/stock-results';
import { useApiData } from '../../api/use-api-data';
import { downloadFile } from '../../files/download-file';
import { formatCount, formatDate } from '../../format/value-text';
import { hrefOf } from '../../navigation/route';
import { formProblems } from '../../stock/form-problems';
import { isFiltered, onHandArgs, type OnHandFilterState, noFilter } from '../../stock/on-hand-filter';
import { clearStockLocation, handedOverStockLocation } from '../../stock/stock-filter-handoff';
import { useApiAction } from '../../stock/use-api-action';
import { useGermplasmChoices } from '../../stock/use-germplasm-choices';
import { LoadingState } from '../LoadingState';
import { ProblemNotice } from '../ProblemNotice';
import { Spinner } from '../Spinner';
import { LocationRollUp } from './LocationRollUp';
import { OnHandFilters } from './OnHandFilters';
import { OnHandTable } from './OnHandTable';
import { OnHandTotals } from './OnHandTotals';
import { ReceiveBatchDialog } from './ReceiveBatchDialog';
import { ReceivedNotice } from './ReceivedNotice';
import { ScanBox } from './ScanBox';
import { StockExceptions } from './StockExceptions';
import '../../styles/stock.css';

const stockTables = ['stock_batches', 'stock_movements', 'locations', 'germplasm'];

/** Stock on hand: filters, totals, each batch at each location, the roll-up per location, exceptions, CSV; receiving and scanning. */
export function StockScreen() {
  const [filter, setFilter] = useState<OnHandFilterState>(() => ({ ...noFilter, location: handedOverStockLocation() }));
  useEffect(clearStockLocation, []);
  const [receiving, setReceiving] = useState<{ code: string } | null>(null);
  const [received, setReceived] = useState<MovementResult | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const args = onHandArgs(filter);
  const onHand = useApiData('stock:on-hand', args, stockTables);
  const tree = useApiData('locations:tree', { includeArchived: true }, ['locations']);
  const germplasm = useGermplasmChoices();
  const csv = useApiAction();
  const nodes = useMemo(() => tree.data ?? [], [tree.data]);
  const inUse = useMemo(() => nodes.filter((n) => n.archivedAt === null), [nodes]);
  const locationProblem = formProblems(onHand.error, ['location']).byField['location'];

  const showLocation = (code: string): void => setFilter((f) => ({ ...f, location: code }));
  const exportCsv = async (): Promise<void> => {
    setExported(null);
    const file = await csv.run('stock:on-hand-csv', args);
    if (!file) return;
    downloadFile(file.filename, 'text/csv', file.csv);
    const lines = Math.max(0, file.csv.trim().split(/\r?\n/).length - 1);
    setExported(`Exported ${formatCount(lines)} line${lines === 1 ? '' : 's'} to “${file.filename}”.`);
  };

  const data = onHand.data;
  return (
    <div className="page stock-page" aria-busy={onHand.loading}>
      <div className="page-header">
        <div>
          <h1>Stock on hand</h1>
          <p className="page-subtitle">
            {data?.root ? `${data.root.code} · ${data.root.name} and everything inside it` : 'Every location of the station'}
            {data?.asOf ? `, as of the end of ${formatDate(data.asOf)}` : ', now'}
          </p>
        </div>
        <div className="stock-header-actions">
          <a className="button" href={hrefOf({ screen: 'locations' })}>
            Locations
          </a>
          <button type="button" className="button button-primary" onClick={() => setReceiving({ code: '' })} data-testid="receive-open">
            Receive a batch…
          </button>
        </div>
      </div>

      <ScanBox captureScans autoFocus onLocation={(location) => showLocation(location.code)} onReceive={(code) => setReceiving({ code })} />
      {received ? <ReceivedNotice result={received} onDismiss={() => setReceived(null)} /> : null}

      <OnHandFilters filter={filter} onChange={setFilter} locations={inUse} germplasm={germplasm} locationProblem={locationProblem} />

      {data === null ? (
        onHand.error && !locationProblem ? (
          <ProblemNotice error={onHand.error}>
            <button type="button" className="button" onClick={onHand.reload}>
              Try again
            </button>
          </ProblemNotice>
        ) : onHand.error ? null : (
          <LoadingState label="Adding up the stock…" />
        )
      ) : (
        <section className="stock-results" aria-labelledby="on-hand-heading">
          <div className="stock-results-head">
            <h2 id="on-hand-heading" className="section-heading">
              {formatCount(data.rows.length)} line{data.rows.length === 1 ? '' : 's'}
              {isFiltered(filter) ? ' matching the filters' : ''}
            </h2>
            <span className="stock-busy" role="status">
              {onHand.loading ? (
                <>
                  <Spinner /> Updating…
                </>
              ) : null}
            </span>
            <div className="stock-export">
              <p className={`stock-export-message${csv.error ? ' stock-problem-text' : ''}`} role="status" data-testid="export-message">
                {csv.error ? `The export did not work: ${csv.error.message}` : exported}
              </p>
              <button type="button" className="button button-small" onClick={() => void exportCsv()} disabled={csv.busy} data-testid="export-csv">
                {csv.busy ? <Spinner /> : null}
                Export CSV
              </button>
            </div>
          </div>
          <OnHandTotals onHand={data} />
          <OnHandTable key={JSON.stringify(args)} onHand={data} onLocation={showLocation} />
          <LocationRollUp onHand={data} tree={nodes} onLocation={showLocation} />
        </section>
      )}

      <StockExceptions location={filter.location} />

      {receiving ? (
        <ReceiveBatchDialog
          initialCode={receiving.code}
          initialLocation={filter.location}
          onClose={() => setReceiving(null)}
          onReceived={(result) => {
            setReceiving(null);
            setReceived(result);
          }}
        />
      ) : null}
    </div>
  );
}
