import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageText, readPdf } from '../../main/pdf/pdf-test-reader';
import type { StationSession } from '../../main/stations/station-session';
import { approveCount } from '../../main/stock/count-approval';
import { explainCountLine, recordCountLine, startCount } from '../../main/stock/counts';
import { countReportPdf, stockLabelsPdf } from '../../main/stock/stock-pdfs';
import { openLocalStation } from '../harness/local-station';
import { receiveSeedLot, seedStockSite } from '../harness/stock-fixture';
import { makeTempFolder } from '../harness/temp-folder';

const textOf = (content: string): string => {
  const pdf = readPdf(Buffer.from(content, 'base64'));
  return pdf.pages.map(pageText).join('\n');
};

describe('stock PDFs: the reconciliation report and barcode labels', () => {
  let temp: Awaited<ReturnType<typeof makeTempFolder>>;
  let session: StationSession;

  beforeAll(async () => {
    temp = await makeTempFolder('stock-pdfs');
    session = await openLocalStation(temp.path);
    const site = await seedStockSite(session);
    await receiveSeedLot(session, site, 'SL-7', 500, 'BIN-A', '2026-03-01T08:00:00Z');
  });
  afterAll(async () => {
    await session.close();
    await temp.remove();
  });

  it('prints an approved count with its lines, variance, value, explanation and approver', async () => {
    const count = await startCount(session, { location: 'GH1', name: 'April count', snapshotAt: '2026-04-01T12:00:00.000Z' });
    const line = await recordCountLine(session, { countId: count.id, batch: 'SL-7', location: 'BIN-A', quantity: 480 });
    await explainCountLine(session, { countId: count.id, batchId: line.batchId, locationId: line.location.id, explanation: 'Mice in bin A' });
    await approveCount(session, { countId: count.id });
    const file = await countReportPdf(session, { countId: count.id });
    expect(file.fileName).toBe('count-April_count.pdf');
    const text = textOf(file.content);
    for (const expected of ['Stock count reconciliation: April count', 'SL-7', 'BIN-A', '500', '480', '-20', '-5.00', 'Mice in bin A', 'Station user', 'Page 1 of 1']) {
      expect(text, expected).toContain(expected);
    }
  });

  it('prints a label sheet for batches and bins, and refuses an unknown code by name', async () => {
    const file = await stockLabelsPdf(session, { batches: ['SL-7'], locations: ['BIN-A', 'BIN-B'], symbology: 'code128' });
    const pdf = readPdf(Buffer.from(file.content, 'base64'));
    expect(pdf.pageCount).toBe(1);
    const text = pdf.pages.map(pageText).join('\n');
    for (const expected of ['SL7X', 'SL-7', 'BIN-A', 'Bin A', 'BIN-B']) expect(text, expected).toContain(expected);
    await expect(stockLabelsPdf(session, { batches: ['NO-SUCH'], symbology: 'qr' })).rejects.toMatchObject({ code: expect.stringMatching(/validation|not-found/) });
  });
});
