import { describe, expect, it } from 'vitest';
import type { CountLineView } from '../../common/stock/stock-results';
import {
  adjustmentsToPost,
  approvalBlockers,
  approveButtonLabel,
  disputeText,
  lineTone,
  quantityWithUnit,
  recordedText,
  valueText,
  varianceText,
  varianceWithUnit,
} from './count-wording';

function line(overrides: Partial<CountLineView>): CountLineView {
  return {
    batchId: 'b1',
    batchCode: 'SL-1',
    unit: 'seeds',
    location: { id: 'l1', code: 'BIN-A', name: 'Bin A' },
    expected: 500,
    counted: 480,
    status: 'counted',
    variance: -20,
    value: -5,
    posted: 0,
    outstanding: -20,
    explanation: null,
    entries: [],
    ...overrides,
  };
}

describe('count wording', () => {
  it('writes quantities, variances and values with their signs and units', () => {
    expect(quantityWithUnit(1250, 'seeds')).toBe('1,250 seeds');
    expect(quantityWithUnit(1, 'trays')).toBe('1 tray');
    expect(quantityWithUnit(1, 'grams')).toBe('1 grams');
    expect(quantityWithUnit(12.5, 'grams')).toBe('12.5 grams');
    expect(varianceText(-20)).toBe('\u221220');
    expect(varianceText(1500)).toBe('+1,500');
    expect(varianceText(0)).toBe('0');
    expect(varianceText(null)).toBe('—');
    expect(valueText(-5)).toBe('\u22125.00');
    expect(valueText(0.125)).toBe('+0.13');
    expect(valueText(null)).toBe('');
    expect(varianceWithUnit(-20, 'seeds')).toBe('\u221220 seeds');
    expect(varianceWithUnit(1, 'trays')).toBe('+1 tray');
    expect(varianceWithUnit(0, 'plants')).toBe('0 plants');
  });

  it('tells a short, an over, a matching, a disputed and an uncounted line apart', () => {
    expect(lineTone(line({}))).toBe('short');
    expect(lineTone(line({ variance: 3 }))).toBe('over');
    expect(lineTone(line({ variance: 0 }))).toBe('match');
    expect(lineTone(line({ status: 'disputed', variance: null }))).toBe('disputed');
    expect(lineTone(line({ status: 'not-counted', variance: null }))).toBe('uncounted');
  });

  it('says what a saved entry found, and names the devices of a dispute', () => {
    expect(recordedText(line({}))).toBe('Saved: SL-1 in BIN-A, counted 480 seeds (expected 500, variance \u221220).');
    expect(recordedText(line({ counted: 500, variance: 0 }))).toBe('Saved: SL-1 in BIN-A, counted 500 seeds (expected 500, no variance).');
    const disputed = line({
      status: 'disputed',
      counted: null,
      variance: null,
      entries: [
        { id: 'e1', quantity: 480, countedAt: '2026-05-14T09:00:00Z', countedBy: 'Ana', device: 'Tablet 2', current: true },
        { id: 'e0', quantity: 470, countedAt: '2026-05-14T08:00:00Z', countedBy: 'Ana', device: 'Tablet 2', current: false },
        { id: 'e2', quantity: 500, countedAt: '2026-05-14T09:01:00Z', countedBy: 'Ben', device: 'This computer', current: true },
      ],
    });
    expect(disputeText(disputed)).toBe('480 by Ana on Tablet 2, 500 by Ben on This computer');
    expect(recordedText(disputed)).toMatch(/^SL-1 in BIN-A is disputed: devices counted 480 by Ana on Tablet 2, 500 by Ben/);
  });

  it('counts the adjustments approval would post, with uncounted lines left or taken as zero', () => {
    const lines = [
      line({}),
      line({ batchId: 'b2', variance: 0, outstanding: 0 }),
      line({ batchId: 'b3', status: 'not-counted', counted: null, variance: null, outstanding: 0, expected: 200 }),
      line({ batchId: 'b4', status: 'not-counted', counted: null, variance: null, outstanding: 0, expected: 0 }),
    ];
    expect(adjustmentsToPost(lines, 'leave')).toBe(1);
    expect(adjustmentsToPost(lines, 'zero')).toBe(2);
    expect(approveButtonLabel({ status: 'open' }, 2)).toBe('Approve and post 2 adjustments');
    expect(approveButtonLabel({ status: 'open' }, 1)).toBe('Approve and post 1 adjustment');
    expect(approveButtonLabel({ status: 'open' }, 0)).toBe('Approve the count (no adjustments to post)');
    expect(approveButtonLabel({ status: 'approved' }, 1)).toBe('Post the remaining 1 adjustment');
  });

  it('lifts "nothing counted" from the blockers only when uncounted lines are taken as zero', () => {
    const blockers = ['Nothing has been counted yet.'];
    expect(approvalBlockers(blockers, 'leave')).toEqual(blockers);
    expect(approvalBlockers(blockers, 'zero')).toEqual([]);
    expect(approvalBlockers(['This count was cancelled.'], 'zero')).toEqual(['This count was cancelled.']);
  });
});
