import { fieldValueProblem } from '../field-values';

/**
 * The outline of a location from a GeoJSON file (as exported by QGIS, geojson.io or a GPS app): a
 * geometry, a Feature, or a FeatureCollection holding exactly one feature. Coordinates are WGS 84
 * longitude, latitude. Returns the geometry, or the problem in words.
 */
export function outlineFromGeoJson(text: string): { ok: true; geometry: unknown } | { ok: false; message: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, message: 'The file is not GeoJSON (it is not even JSON). Export the outline as GeoJSON and choose that file.' };
  }
  const object = parsed as { type?: unknown; features?: unknown; geometry?: unknown };
  let geometry: unknown = parsed;
  if (object?.type === 'FeatureCollection') {
    const features = Array.isArray(object.features) ? object.features : [];
    if (features.length !== 1) {
      return { ok: false, message: `The file holds ${features.length} features; a location has one outline. Save the one you want on its own and choose that file.` };
    }
    geometry = (features[0] as { geometry?: unknown } | undefined)?.geometry;
  } else if (object?.type === 'Feature') {
    geometry = object.geometry;
  }
  if (geometry === null || geometry === undefined) return { ok: false, message: 'The feature in the file has no geometry.' };
  const problem = fieldValueProblem('geometry', { type: 'geometry', nullable: false }, geometry);
  return problem ? { ok: false, message: problem } : { ok: true, geometry };
}
