import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from './base64';

describe('bytesToBase64', () => {
  it('encodes as one base64 text whatever the length, across slice boundaries', () => {
    for (const length of [0, 1, 2, 3, 4, 49_151, 49_152, 49_153, 150_001]) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 37 + 11) % 256);
      const text = bytesToBase64(bytes);
      expect(text).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
      expect(text.length).toBe(4 * Math.ceil(length / 3));
      expect(Uint8Array.from(atob(text), (c) => c.charCodeAt(0))).toEqual(bytes);
    }
  });
});
