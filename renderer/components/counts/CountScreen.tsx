/** One count: lines, variances, approval and report (being built). */
export function CountScreen({ countId }: { countId: string }) {
  return (
    <div className="page" data-count-id={countId}>
      <h1>Count</h1>
    </div>
  );
}
