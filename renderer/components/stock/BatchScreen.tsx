import { useState } from 'react';
import type { MovementResult } from '../../../common/stock/stock-results';
import { useApiData } from '../../api/use-api-data';
import { hrefOf, navigate } from '../../navigation/route';
import type { MovementKindInForm } from '../../stock/movement-args';
import { handOverStockLocation } from '../../stock/stock-filter-handoff';
import { batchKindLabels } from '../../stock/stock-text';
import { Breadcrumbs } from '../Breadcrumbs';
import { LoadingState } from '../LoadingState';
import { ProblemNotice } from '../ProblemNotice';
import { Spinner } from '../Spinner';
import { BatchActions } from './BatchActions';
import { BatchBalances } from './BatchBalances';
import { BatchFacts } from './BatchFacts';
import { BatchLedger } from './BatchLedger';
import { MovementDialog } from './MovementDialog';
import { ReceiveBatchDialog } from './ReceiveBatchDialog';
import { ReceivedNotice } from './ReceivedNotice';
import { ScanBox } from './ScanBox';
import '../../styles/stock.css';

const batchTables = ['stock_batches', 'stock_movements', 'locations', 'germplasm', 'studies', 'users', 'devices'];

/** One batch: its summary and lineage, balance per location, the ledger, and what can be done with it. */
export function BatchScreen({ batchId }: { batchId: string }) {
  const detail = useApiData('stock:batch-detail', { batch: batchId }, batchTables);
  const [moving, setMoving] = useState<{ kind: MovementKindInForm; locationId?: string } | null>(null);
  const [receiving, setReceiving] = useState<string | null>(null);
  const [saved, setSaved] = useState<MovementResult | null>(null);
  const data = detail.data;

  const done = (result: MovementResult): void => {
    setMoving(null);
    setReceiving(null);
    setSaved(result);
    detail.reload();
  };

  return (
    <div className="page stock-page" aria-busy={detail.loading}>
      <Breadcrumbs crumbs={[{ label: 'Stock', route: { screen: 'stock' } }, { label: data?.batch.code ?? 'Batch' }]} />
      {data === null ? (
        detail.error ? (
          <ProblemNotice error={detail.error}>
            <a className="button" href={hrefOf({ screen: 'stock' })}>
              Back to stock
            </a>
          </ProblemNotice>
        ) : (
          <LoadingState label="Loading the batch…" />
        )
      ) : (
        <>
          <div className="page-header stock-batch-header">
            <div>
              <h1 data-testid="batch-code">{data.batch.code}</h1>
              <p className="page-subtitle">
                {batchKindLabels[data.batch.kind]}
                {data.batch.germplasmName ? ` of ${data.batch.germplasmName}` : ''} · kept in {data.batch.unit}
                {detail.loading ? (
                  <span className="stock-busy" role="status">
                    <Spinner /> Updating…
                  </span>
                ) : null}
              </p>
            </div>
            <ScanBox
              captureScans={moving === null && receiving === null}
              onLocation={(location) => {
                handOverStockLocation(location.code);
                navigate({ screen: 'stock' });
              }}
              onReceive={setReceiving}
            />
          </div>
          <BatchActions batch={data.batch} onAction={(kind) => setMoving({ kind })} busy={moving !== null || receiving !== null} />
          {saved ? <ReceivedNotice result={saved} currentBatchId={batchId} onDismiss={() => setSaved(null)} /> : null}
          <BatchFacts detail={data} />
          <BatchBalances detail={data} onTransfer={(locationId) => setMoving({ kind: 'transfer', locationId })} />
          <BatchLedger detail={data} />
          {moving ? (
            <MovementDialog
              detail={data}
              kind={moving.kind}
              {...(moving.locationId ? { locationId: moving.locationId } : {})}
              onClose={() => setMoving(null)}
              onDone={done}
            />
          ) : null}
          {receiving !== null ? <ReceiveBatchDialog initialCode={receiving} onClose={() => setReceiving(null)} onReceived={done} /> : null}
        </>
      )}
    </div>
  );
}
