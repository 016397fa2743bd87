import { describe, expect, it } from 'vitest';
import { ScanBurst } from './scan-burst';

function feed(burst: ScanBurst, keys: string[], start: number, gap: number): (string | null)[] {
  return keys.map((key, i) => burst.key(key, start + i * gap));
}

describe('ScanBurst', () => {
  it('hears a scanner: fast keys ending with Enter give the code', () => {
    const burst = new ScanBurst();
    const heard = feed(burst, [...'SL2026001', 'Enter'], 1000, 8);
    expect(heard.at(-1)).toBe('SL2026001');
    expect(heard.slice(0, -1).every((h) => h === null)).toBe(true);
  });

  it('ignores typing at a person’s pace, and a burst too short to be a code', () => {
    expect(feed(new ScanBurst(), [...'SL1', 'Enter'], 0, 180).at(-1)).toBeNull();
    expect(feed(new ScanBurst(), ['a', 'b', 'Enter'], 0, 5).at(-1)).toBeNull();
  });

  it('starts again after a pause, and keeps Shift inside a burst', () => {
    const burst = new ScanBurst();
    feed(burst, [...'xyz'], 0, 5);
    expect(feed(burst, ['Shift', ...'GH1-C1', 'Enter'], 500, 5).at(-1)).toBe('GH1-C1');
  });
});
