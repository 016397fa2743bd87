import { newId } from '../../common/ids';
import type { TableCopy } from './csv-rows';
import { polygonOf, type Polygon } from './demo-geometry';
import { replicatesPerStudy, type DemoGermplasm, type DemoStudy } from './demo-trials';
import type { SeededRandom } from './seeded-random';

export interface DemoPlot {
  id: string;
  plotNumber: number;
  replicate: number;
  row: number;
  column: number;
  entryNumber: number;
  germplasm: DemoGermplasm;
  barcode: string;
  geometry: Polygon;
}

/**
 * Lays out a study as a randomised complete block design: each replicate is a block of whole rows,
 * the entries shuffled within it. Plots are numbered 1…n in the order a team walks them (serpentine:
 * odd rows west to east, even rows back), and drawn as small rectangles inside the study's compartment.
 */
export function layOutPlots(study: DemoStudy, random: SeededRandom): DemoPlot[] {
  const totalRows = study.blockRows * replicatesPerStudy;
  const area = study.location.rect;
  const cellWidth = area.width / study.columns;
  const cellHeight = area.height / totalRows;
  const plots: DemoPlot[] = [];
  const entryNumbers = Array.from({ length: study.entries }, (_, i) => i + 1);
  for (let rep = 0; rep < replicatesPerStudy; rep++) {
    const order = random.shuffle(entryNumbers);
    let k = 0;
    for (let r = 0; r < study.blockRows && k < order.length; r++) {
      const row = rep * study.blockRows + r + 1;
      for (let c = 0; c < study.columns && k < order.length; c++) {
        const column = row % 2 === 1 ? c + 1 : study.columns - c;
        const entryNumber = order[k++] ?? 1;
        const germplasm = study.germplasm[entryNumber - 1];
        if (!germplasm) throw new Error(`Study ${study.name} has no entry ${entryNumber}.`);
        const plotNumber = plots.length + 1;
        plots.push({
          id: newId(),
          plotNumber,
          replicate: rep + 1,
          row,
          column,
          entryNumber,
          germplasm,
          barcode: `FS26-${String(study.index + 1).padStart(2, '0')}-${String(plotNumber).padStart(4, '0')}`,
          geometry: polygonOf({
            x: area.x + (column - 1 + 0.08) * cellWidth,
            y: area.y + area.height - (row - 0.08) * cellHeight,
            width: cellWidth * 0.84,
            height: cellHeight * 0.84,
          }),
        });
      }
    }
  }
  return plots;
}

export const unitFields = [
  'study_id', 'kind', 'plot_number', 'block', 'replicate', 'position_row', 'position_column',
  'germplasm_id', 'entry_number', 'barcode', 'geometry',
] as const;

export async function copyPlots(table: TableCopy<'observation_units'>, study: DemoStudy, plots: DemoPlot[]): Promise<void> {
  for (const p of plots) {
    await table.add(p.id, [
      study.id, 'plot', p.plotNumber, p.replicate, p.replicate, p.row, p.column, p.germplasm.id, p.entryNumber, p.barcode, p.geometry,
    ]);
  }
}
