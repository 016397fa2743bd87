import { describe, expect, it } from 'vitest';
import { observationBlockedReason, observationButtonLabel, observationResultText, observationShortText } from './observation-import-wording';

const counts = (newCount: number, alreadyThereCount: number, replaceCount: number, errorCount: number) => ({
  validCount: newCount + alreadyThereCount + replaceCount,
  newCount,
  alreadyThereCount,
  replaceCount,
  errorCount,
});

describe('the import button for a file of values', () => {
  it('says exactly what the click will do', () => {
    expect(observationButtonLabel(counts(1200, 4, 0, 0), false)).toBe('Import 1,200 values');
    expect(observationButtonLabel(counts(1, 0, 0, 0), false)).toBe('Import 1 value');
    expect(observationButtonLabel(counts(118, 0, 2, 0), true)).toBe('Import 118 new values and replace 2');
    expect(observationButtonLabel(counts(0, 0, 2, 1), true)).toBe('Replace 2 values, leave out 1 row with errors');
    expect(observationButtonLabel(counts(5, 0, 0, 3), false)).toBe('Import 5 values, leave out 3 rows with errors');
  });

  it('offers nothing while values would be replaced without a say-so, or nothing is new, and says why', () => {
    expect(observationButtonLabel(counts(5, 0, 2, 0), false)).toBeNull();
    expect(observationBlockedReason(counts(5, 0, 2, 0), false)).toMatch(/^2 values of the file differ from what this study shows now\. Tick the box/);
    expect(observationBlockedReason(counts(5, 0, 2, 0), true)).toBeNull();
    expect(observationButtonLabel(counts(0, 6, 0, 0), false)).toBeNull();
    expect(observationBlockedReason(counts(0, 6, 0, 0), false)).toBe('Every value of the file is already in this study: there is nothing to import.');
    expect(observationBlockedReason(counts(0, 0, 0, 4), false)).toMatch(/^Every row of the file has an error/);
  });

  it('sums up what an import did', () => {
    expect(observationResultText({ added: 3, replaced: 1, alreadyThere: 2, skipped: 1 }, 'f.csv')).toBe(
      'From “f.csv”: 3 values added, 1 value replaced (the earlier ones stay in each plot’s history). 2 values were already there. 1 row with errors was left out.',
    );
    expect(observationShortText({ added: 3, replaced: 1, alreadyThere: 0, skipped: 0 }, 'f.csv')).toBe('3 values added, 1 replaced from “f.csv”');
    expect(observationShortText({ added: 0, replaced: 0, alreadyThere: 6, skipped: 0 }, 'f.csv')).toBe('Nothing changed from “f.csv”');
  });
});
