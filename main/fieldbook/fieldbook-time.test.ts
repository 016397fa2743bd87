import { describe, expect, it } from 'vitest';
import { formatFieldBookTimestamp, parseFieldBookTimestamp } from './fieldbook-time';

describe('formatFieldBookTimestamp', () => {
  it("keeps the ISO time's own offset, with Z at offset zero as Field Book writes it", () => {
    expect(formatFieldBookTimestamp('2021-08-05T11:52:45.379-05:00')).toBe('2021-08-05 11:52:45.379-05:00');
    expect(formatFieldBookTimestamp('2026-05-14T08:03:09Z')).toBe('2026-05-14 08:03:09.000Z');
    expect(formatFieldBookTimestamp('2026-05-14T08:03:09.5+0530')).toBe('2026-05-14 08:03:09.500+05:30');
  });

  it("writes the wall time of a station's time zone, summer and winter", () => {
    expect(formatFieldBookTimestamp('2026-07-01T10:00:00.000Z', 'Europe/Paris')).toBe('2026-07-01 12:00:00.000+02:00');
    expect(formatFieldBookTimestamp('2026-01-15T10:00:00.000Z', 'Europe/Paris')).toBe('2026-01-15 11:00:00.000+01:00');
    expect(formatFieldBookTimestamp('2026-01-15T03:30:00.000Z', 'America/Chicago')).toBe('2026-01-14 21:30:00.000-06:00');
  });

  it('refuses a time that is not one, and an unknown zone', () => {
    expect(() => formatFieldBookTimestamp('yesterday')).toThrow(/not a valid observation time/);
    expect(() => formatFieldBookTimestamp('2026-01-15T03:30:00Z', 'Mars/Olympus')).toThrow(/not a time zone/);
  });
});

describe('parseFieldBookTimestamp', () => {
  it("reads Field Book's timestamps into UTC instants", () => {
    expect(parseFieldBookTimestamp('2021-08-05 11:52:45.379-05:00')).toBe('2021-08-05T16:52:45.379Z');
    expect(parseFieldBookTimestamp('2021-08-05 11:52:45.379-0500')).toBe('2021-08-05T16:52:45.379Z');
    expect(parseFieldBookTimestamp('2026-05-14 08:03:09.000Z')).toBe('2026-05-14T08:03:09.000Z');
    expect(parseFieldBookTimestamp('2026-05-14T08:03+02')).toBe('2026-05-14T06:03:00.000Z');
  });

  it('reads a time without offset as wall time in the given zone', () => {
    expect(parseFieldBookTimestamp('2026-07-01 12:00:00')).toBe('2026-07-01T12:00:00.000Z');
    expect(parseFieldBookTimestamp('2026-07-01 12:00:00', 'Europe/Paris')).toBe('2026-07-01T10:00:00.000Z');
    expect(parseFieldBookTimestamp('2026-01-15 12:00:00.250', 'Europe/Paris')).toBe('2026-01-15T11:00:00.250Z');
  });

  it('returns null for text that is not a valid time', () => {
    for (const text of ['', 'NA', '2026-02-30 10:00:00Z', '2026-05-14 25:00:00Z', '14/05/2026 10:00', '2026-05-14']) {
      expect(parseFieldBookTimestamp(text)).toBeNull();
    }
  });

  it('reads back what it writes', () => {
    for (const iso of ['2026-03-29T00:59:59.999Z', '2026-03-29T01:00:00.000Z', '2026-10-25T00:30:00.123Z']) {
      expect(parseFieldBookTimestamp(formatFieldBookTimestamp(iso, 'Europe/Paris'))).toBe(iso);
    }
  });
});
