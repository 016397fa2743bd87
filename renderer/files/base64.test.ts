import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './base64';

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

describe('a PDF sent as base64', () => {
  it('comes back as its exact bytes', () => {
    const bytes = base64ToBytes(btoa('%PDF-1.7\n\u00e2\u00e3\u00cf\u00d3'));
    expect([...bytes.slice(0, 5)]).toEqual([0x25, 0x50, 0x44, 0x46, 0x2d]);
    expect([...bytes.slice(-4)]).toEqual([0xe2, 0xe3, 0xcf, 0xd3]);
  });
});
