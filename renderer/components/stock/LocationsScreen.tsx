/** Locations (being built). */
export function LocationsScreen() {
  return (
    <div className="page">
      <h1>Locations</h1>
    </div>
  );
}
