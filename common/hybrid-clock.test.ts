import { describe, expect, it } from 'vitest';
import { decodeClock, encodeClock, receive, tick } from './hybrid-clock';

describe('hybrid logical clock', () => {
  it('moves forward even when the wall clock goes back', () => {
    const first = tick({ wallMs: 0, counter: 0 }, 1_000);
    const second = tick(first, 900);
    expect(encodeClock(second, 'a') > encodeClock(first, 'a')).toBe(true);
  });

  it('orders encoded values the same way as the clocks', () => {
    const values = [
      { wallMs: 5, counter: 10 },
      { wallMs: 10, counter: 0 },
      { wallMs: 5, counter: 9 },
    ].map((c) => encodeClock(c, 'node'));
    expect([...values].sort()).toEqual([values[2], values[0], values[1]]);
  });

  it('jumps past a remote clock that is ahead', () => {
    const local = { wallMs: 1_000, counter: 3 };
    const next = receive(local, { wallMs: 2_000, counter: 7 }, 1_500);
    expect(next).toEqual({ wallMs: 2_000, counter: 8 });
  });

  it('round-trips through its encoding', () => {
    const encoded = encodeClock({ wallMs: 1_764_000_000_000, counter: 42 }, '0192-id:with-colon');
    expect(decodeClock(encoded)).toEqual({ wallMs: 1_764_000_000_000, counter: 42, nodeId: '0192-id:with-colon' });
  });

  it('refuses a value that is not a clock', () => {
    expect(() => decodeClock('yesterday')).toThrow(/Not a hybrid clock/);
  });
});
