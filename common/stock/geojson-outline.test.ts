import { describe, expect, it } from 'vitest';
import { outlineFromGeoJson } from './geojson-outline';

const square = { type: 'Polygon', coordinates: [[[5.66, 51.98], [5.67, 51.98], [5.67, 51.99], [5.66, 51.99], [5.66, 51.98]]] };

describe('a location outline from a GeoJSON file', () => {
  it('takes a geometry, a feature, or a collection of one feature', () => {
    for (const file of [square, { type: 'Feature', properties: {}, geometry: square }, { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: square }] }]) {
      expect(outlineFromGeoJson(JSON.stringify(file))).toEqual({ ok: true, geometry: square });
    }
  });

  it('says what is wrong with other files', () => {
    expect(outlineFromGeoJson('not json')).toMatchObject({ ok: false, message: expect.stringMatching(/not even JSON/) });
    expect(outlineFromGeoJson(JSON.stringify({ type: 'FeatureCollection', features: [] }))).toMatchObject({ ok: false, message: expect.stringMatching(/0 features/) });
    expect(outlineFromGeoJson(JSON.stringify({ type: 'Feature', geometry: null }))).toMatchObject({ ok: false, message: expect.stringMatching(/no geometry/) });
    expect(outlineFromGeoJson(JSON.stringify({ type: 'Polygon', coordinates: 'x' }))).toMatchObject({ ok: false });
  });
});
