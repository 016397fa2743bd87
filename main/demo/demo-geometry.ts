/**
 * Flat local geometry for the demo station: rectangles in metres east and north of an origin,
 * turned into GeoJSON polygons (lon/lat, WGS 84) near a real place.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Polygon {
  type: 'Polygon';
  coordinates: [number, number][][];
}

/** Wageningen, the Netherlands: a plausible home for greenhouses. */
const origin = { lon: 5.6615, lat: 51.9855 };
const metresPerDegreeLat = 111_320;
const metresPerDegreeLon = metresPerDegreeLat * Math.cos((origin.lat * Math.PI) / 180);

const round7 = (value: number): number => Math.round(value * 1e7) / 1e7;

function toLonLat(x: number, y: number): [number, number] {
  return [round7(origin.lon + x / metresPerDegreeLon), round7(origin.lat + y / metresPerDegreeLat)];
}

/** The rectangle as a closed, counter-clockwise GeoJSON ring. */
export function polygonOf(rect: Rect): Polygon {
  const { x, y, width, height } = rect;
  return {
    type: 'Polygon',
    coordinates: [
      [toLonLat(x, y), toLonLat(x + width, y), toLonLat(x + width, y + height), toLonLat(x, y + height), toLonLat(x, y)],
    ],
  };
}

/**
 * Splits a rectangle into a grid of `columns` × `rows` cells with `gap` metres between cells and
 * around the edge, so every cell lies strictly inside its parent. Cells run row by row from the
 * south-west corner.
 */
export function gridOf(parent: Rect, columns: number, rows: number, gap: number): Rect[] {
  const width = (parent.width - gap * (columns + 1)) / columns;
  const height = (parent.height - gap * (rows + 1)) / rows;
  const cells: Rect[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      cells.push({
        x: parent.x + gap + column * (width + gap),
        y: parent.y + gap + row * (height + gap),
        width,
        height,
      });
    }
  }
  return cells;
}
