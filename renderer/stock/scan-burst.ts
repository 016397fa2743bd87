/**
 * A keyboard-wedge barcode scanner types a code as fast keystrokes and ends it with Enter. This
 * tells such a burst from typing, so a scan made while no field has the focus still finds its
 * code: every key of the burst arrives within `gapMs` of the one before, and there are at least
 * `minLength` of them.
 */
export class ScanBurst {
  private buffer = '';
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly gapMs = 50,
    private readonly minLength = 3,
  ) {}

  /** Feeds one key (`event.key`) at `at` ms; answers the code when this Enter ends a burst. */
  key(key: string, at: number): string | null {
    // A pause ends whatever came before: this key starts a new burst (or is just typing).
    if (at - this.lastAt > this.gapMs) this.buffer = '';
    this.lastAt = at;
    if (key === 'Enter') {
      const code = this.buffer.trim();
      this.buffer = '';
      return code.length >= this.minLength ? code : null;
    }
    if (key.length !== 1) {
      // Shift and other keys without a character do not break a burst; anything else does.
      if (key !== 'Shift') this.buffer = '';
      return null;
    }
    this.buffer += key;
    return null;
  }

  reset(): void {
    this.buffer = '';
    this.lastAt = Number.NEGATIVE_INFINITY;
  }
}
