import { describe, expect, it } from 'vitest';
import { base64ToBytes } from './download-base64';

describe('a PDF sent as base64', () => {
  it('comes back as its exact bytes', () => {
    const bytes = base64ToBytes(btoa('%PDF-1.7\n\u00e2\u00e3\u00cf\u00d3'));
    expect([...bytes.slice(0, 5)]).toEqual([0x25, 0x50, 0x44, 0x46, 0x2d]);
    expect([...bytes.slice(-4)]).toEqual([0xe2, 0xe3, 0xcf, 0xd3]);
  });
});
