/** One batch: its ledger and balance per location (being built). */
export function BatchScreen({ batchId }: { batchId: string }) {
  return (
    <div className="page" data-batch-id={batchId}>
      <h1>Batch</h1>
    </div>
  );
}
