/** Stock on hand (being built). */
export function StockScreen() {
  return (
    <div className="page">
      <h1>Stock on hand</h1>
    </div>
  );
}
