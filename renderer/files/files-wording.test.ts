import { describe, expect, it } from 'vitest';
import { importBlockedReason, importButtonLabel, importResultText, importShortText } from './files-wording';

describe('the import button', () => {
  it('says exactly what the click will do', () => {
    expect(importButtonLabel({ validCount: 4812, errorCount: 0, existingCount: 0 }, false)).toBe('Import 4,812 plots');
    expect(importButtonLabel({ validCount: 1, errorCount: 0, existingCount: 0 }, false)).toBe('Import 1 plot');
    expect(importButtonLabel({ validCount: 4812, errorCount: 3, existingCount: 0 }, false)).toBe('Import the 4,812 good rows, leave out 3');
    expect(importButtonLabel({ validCount: 12, errorCount: 0, existingCount: 12 }, true)).toBe('Update 12 plots');
    expect(importButtonLabel({ validCount: 20, errorCount: 0, existingCount: 12 }, true)).toBe('Import 8 new plots and update 12');
    expect(importButtonLabel({ validCount: 20, errorCount: 1, existingCount: 12 }, true)).toBe('Import 8 new plots, update 12, leave out 1 row with errors');
    expect(importButtonLabel({ validCount: 12, errorCount: 2, existingCount: 12 }, true)).toBe('Update 12 plots, leave out 2 rows with errors');
  });

  it('offers nothing until the plots already in the study may be updated, and says why', () => {
    const counts = { validCount: 20, errorCount: 0, existingCount: 12 };
    expect(importButtonLabel(counts, false)).toBeNull();
    expect(importBlockedReason(counts, false)).toMatch(/^12 plots of the file are already in this study/);
    expect(importBlockedReason(counts, true)).toBeNull();
    expect(importButtonLabel({ validCount: 0, errorCount: 5, existingCount: 0 }, false)).toBeNull();
    expect(importBlockedReason({ validCount: 0, errorCount: 5, existingCount: 0 }, false)).toMatch(/Every row/);
  });

  it('sums up what an import did', () => {
    expect(importResultText({ created: 3, updated: 0, skipped: 3, createdGermplasm: 1 }, 'f.csv')).toBe(
      'From “f.csv”: 3 plots added. 3 rows with errors were left out. 1 new germplasm name was added to the station.',
    );
    expect(importResultText({ created: 0, updated: 1, skipped: 0, createdGermplasm: 0 }, 'f.csv')).toBe('From “f.csv”: 1 plot updated.');
    expect(importShortText({ created: 3, updated: 2, skipped: 1, createdGermplasm: 0 }, 'f.csv')).toBe('3 plots added, 2 updated from “f.csv”');
    expect(importShortText({ created: 0, updated: 1, skipped: 0, createdGermplasm: 0 }, 'f.csv')).toBe('1 plot updated from “f.csv”');
  });
});
