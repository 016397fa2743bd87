import { useState } from 'react';
import type { LocationNode } from '../../../common/stock/stock-results';
import { api } from '../../api/api';
import { asApiCallError } from '../../api/api-call-error';
import { FilePickerButton } from '../FilePickerButton';

/**
 * A location's outline on the map: imported from a GeoJSON file (a geometry, a feature, or a
 * collection of one feature, in WGS 84) or removed. Drawing one comes with the map.
 */
export function LocationOutline({ node }: { node: LocationNode }) {
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const archived = node.archivedAt !== null;

  const set = async (geoJson: string | null, what: string): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      await api.call('locations:set-outline', { locationId: node.id, geoJson });
      setMessage({ text: what, failed: false });
    } catch (error) {
      setMessage({ text: asApiCallError(error, 'locations:set-outline').message, failed: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stock-outline" role="group" aria-label={`Outline of ${node.code}`}>
      <span className="stock-outline-state" data-testid="location-outline-state">
        {node.hasGeometry ? 'Has an outline' : 'No outline'}
      </span>
      <FilePickerButton
        label={node.hasGeometry ? 'Replace outline…' : 'Import outline…'}
        accept=".geojson,.json,application/geo+json,application/json"
        className="button button-small"
        title="Read the location's outline from a GeoJSON file (WGS 84)"
        onFile={(file) => void file.text().then((text) => set(text, `Outline read from “${file.name}”.`))}
        testId="location-outline-import"
      />
      {node.hasGeometry ? (
        <button type="button" className="button button-small button-danger-text" disabled={busy || archived} onClick={() => void set(null, 'Outline removed.')} data-testid="location-outline-remove">
          Remove outline
        </button>
      ) : null}
      {message ? (
        <p className={message.failed ? 'stock-outline-problem' : 'stock-outline-note'} role={message.failed ? 'alert' : 'status'} data-testid="location-outline-message">
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
