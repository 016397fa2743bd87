import { AppError } from '../../common/errors';

/**
 * Field Book writes observation times with the pattern `yyyy-MM-dd HH:mm:ss.SSSZZZZZ`: local wall
 * time, milliseconds, and the UTC offset with a colon, or `Z` at offset zero
 * (for example `2021-08-05 11:52:45.379-05:00`).
 */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const twoDigits = Array.from({ length: 100 }, (_, i) => pad(i));
const threeDigits = Array.from({ length: 1000 }, (_, i) => pad(i, 3));
const dayMs = 86_400_000;
const bucketMs = 15 * 60 * 1000; // zone offsets change only on quarter hours
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    } catch {
      throw new AppError('validation', `"${timeZone}" is not a time zone Field Station knows (use a name like Europe/Paris).`, {
        field: 'timeZone',
      });
    }
    zoneFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function lookUpOffset(timeZone: string, epochMs: number): number {
  const name = zoneFormatter(timeZone)
    .formatToParts(epochMs)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name ?? '');
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0)) : 0;
}

const zoneOffsetFunctions = new Map<string, (epochMs: number) => number>();

/** Offsets of one zone, remembered per quarter hour. */
function zoneOffsets(timeZone: string): (epochMs: number) => number {
  if (timeZone === 'UTC') return () => 0;
  let offsetAt = zoneOffsetFunctions.get(timeZone);
  if (offsetAt) return offsetAt;
  zoneFormatter(timeZone);
  const cache = new Map<number, number>();
  offsetAt = (epochMs) => {
    const bucket = Math.floor(epochMs / bucketMs);
    let minutes = cache.get(bucket);
    if (minutes === undefined) {
      if (cache.size > 100_000) cache.clear();
      minutes = lookUpOffset(timeZone, epochMs);
      cache.set(bucket, minutes);
    }
    return minutes;
  };
  zoneOffsetFunctions.set(timeZone, offsetAt);
  return offsetAt;
}

/** The zone's offset from UTC at an instant, in minutes (east positive). */
export function zoneOffsetMinutes(timeZone: string, epochMs: number): number {
  return zoneOffsets(timeZone)(epochMs);
}

const isoZone = /(Z|[+-]\d{2}:?\d{2})$/i;

function offsetOfIso(iso: string): number {
  const zone = isoZone.exec(iso)?.[1] ?? 'Z';
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  return (digits.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

function offsetText(minutes: number): string {
  if (minutes === 0) return 'Z';
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The instant of an ISO time; a bare ISO time counts as UTC. NaN when it is not one. */
export function isoEpochMs(iso: string): number {
  return Date.parse(isoZone.test(iso) ? iso : `${iso}Z`);
}

/**
 * A writer of Field Book timestamps for many observations (it remembers days and zone offsets).
 * With `timeZone` (IANA name) the wall time is that zone's; without, the offset written in each
 * ISO string is kept. Pass the instant when it is already known, to save parsing the ISO again.
 */
export function fieldBookTimestampWriter(timeZone?: string): (iso: string, epochMs?: number) => string {
  const offsetAt = timeZone ? zoneOffsets(timeZone) : null;
  const days = new Map<number, string>();
  const offsets = new Map<number, string>();
  return (iso, epochMs = isoEpochMs(iso)) => {
    if (Number.isNaN(epochMs)) {
      throw new AppError('validation', `"${iso}" is not a valid observation time.`, { field: 'observedAt' });
    }
    const offset = offsetAt ? offsetAt(epochMs) : offsetOfIso(iso);
    const wall = epochMs + offset * 60_000;
    const dayNumber = Math.floor(wall / dayMs);
    let day = days.get(dayNumber);
    if (day === undefined) {
      const date = new Date(dayNumber * dayMs);
      day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} `;
      days.set(dayNumber, day);
    }
    let zone = offsets.get(offset);
    if (zone === undefined) {
      zone = offsetText(offset);
      offsets.set(offset, zone);
    }
    const inDay = wall - dayNumber * dayMs;
    const seconds = Math.floor(inDay / 1000);
    return (
      `${day}${twoDigits[Math.floor(seconds / 3600)]}:${twoDigits[Math.floor(seconds / 60) % 60]}:${twoDigits[seconds % 60]}` +
      `.${threeDigits[inDay - seconds * 1000]}${zone}`
    );
  };
}

/** Writes one ISO instant the way Field Book does (see fieldBookTimestampWriter). */
export function formatFieldBookTimestamp(iso: string, timeZone?: string): string {
  return fieldBookTimestampWriter(timeZone)(iso);
}

const fieldBookTime =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Reads a Field Book timestamp (also without milliseconds or seconds, with `T`, or with a `-0500`
 * offset) into an ISO UTC instant. A time without an offset is read as wall time in `timeZone`.
 * Returns null when the text is not such a time.
 */
export function parseFieldBookTimestamp(text: string, timeZone = 'UTC'): string | null {
  const match = fieldBookTime.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(match[i]));
  const second = Number(match[6] ?? 0);
  const millisecond = Number((match[7] ?? '0').padEnd(3, '0').slice(0, 3));
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined) return null;
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const check = new Date(wallMs);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  const zone = match[8];
  let epochMs: number;
  if (zone) {
    const digits = zone.toUpperCase() === 'Z' ? '+0000' : zone.replace(':', '').padEnd(5, '0');
    const offset = (digits.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
    epochMs = wallMs - offset * 60_000;
  } else {
    // Wall time in a zone: guess with the offset at the wall time read as UTC, then correct once.
    const first = wallMs - zoneOffsetMinutes(timeZone, wallMs) * 60_000;
    epochMs = wallMs - zoneOffsetMinutes(timeZone, first) * 60_000;
  }
  return new Date(epochMs).toISOString();
}
