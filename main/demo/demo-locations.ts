import { newId } from '../../common/ids';
import type { LocationKind } from '../../common/vocabulary';
import type { TableCopy } from './csv-rows';
import { gridOf, polygonOf, type Polygon, type Rect } from './demo-geometry';

export interface DemoLocation {
  id: string;
  parentId: string | null;
  kind: LocationKind;
  code: string;
  name: string;
  rect: Rect;
  geometry: Polygon;
}

export interface DemoLocations {
  all: DemoLocation[];
  compartments: DemoLocation[];
  bins: DemoLocation[];
}

const greenhouseCount = 3;
const compartmentsPerGreenhouse = 4;
const benchesPerCompartment = 6;
const binsPerBench = 4;

function location(parent: DemoLocation | null, kind: LocationKind, code: string, name: string, rect: Rect): DemoLocation {
  return { id: newId(), parentId: parent?.id ?? null, kind, code, name, rect, geometry: polygonOf(rect) };
}

/**
 * The demo station's locations: the station, 3 greenhouses, 4 compartments each, 6 benches per
 * compartment and 4 bins per bench, every one a rectangle nested inside its parent.
 */
export function buildLocations(stationName: string): DemoLocations {
  const station = location(null, 'station', 'ST', stationName, { x: 0, y: 0, width: 200, height: 90 });
  const all = [station];
  const compartments: DemoLocation[] = [];
  const bins: DemoLocation[] = [];
  gridOf(station.rect, greenhouseCount, 1, 8).forEach((greenhouseRect, g) => {
    const ghCode = `GH${g + 1}`;
    const greenhouse = location(station, 'greenhouse', ghCode, `Greenhouse ${g + 1}`, greenhouseRect);
    all.push(greenhouse);
    gridOf(greenhouseRect, 2, compartmentsPerGreenhouse / 2, 1).forEach((compartmentRect, c) => {
      const cCode = `${ghCode}-C${c + 1}`;
      const compartment = location(greenhouse, 'compartment', cCode, `Greenhouse ${g + 1}, compartment ${c + 1}`, compartmentRect);
      all.push(compartment);
      compartments.push(compartment);
      gridOf(compartmentRect, 2, benchesPerCompartment / 2, 1.5).forEach((benchRect, b) => {
        const bCode = `${cCode}-B${String(b + 1).padStart(2, '0')}`;
        const bench = location(compartment, 'bench', bCode, `${cCode} bench ${b + 1}`, benchRect);
        all.push(bench);
        gridOf(benchRect, 2, binsPerBench / 2, 0.5).forEach((binRect, n) => {
          const bin = location(bench, 'bin', `${bCode}-BIN${n + 1}`, `${bCode} bin ${n + 1}`, binRect);
          all.push(bin);
          bins.push(bin);
        });
      });
    });
  });
  return { all, compartments, bins };
}

export const locationFields = ['parent_id', 'kind', 'code', 'name', 'geometry'] as const;

export async function copyLocations(table: TableCopy<'locations'>, locations: DemoLocations): Promise<void> {
  for (const l of locations.all) await table.add(l.id, [l.parentId, l.kind, l.code, l.name, l.geometry]);
}
