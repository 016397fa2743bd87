/** Counts (being built). */
export function CountsScreen() {
  return (
    <div className="page">
      <h1>Counts</h1>
    </div>
  );
}
