import type { LocationKind } from '../vocabulary';

/** How deep each kind sits: station → greenhouse or field → compartment → bench → bin. */
export const locationKindRank: Record<LocationKind, number> = {
  station: 0,
  greenhouse: 1,
  field: 1,
  compartment: 2,
  bench: 3,
  bin: 4,
};

/**
 * Whether a location of kind `child` may sit under `parent` (null: at the top). A station is
 * always at the top; anything else sits below a kind ranked above it (levels may be skipped: a
 * field can hold bins directly).
 */
export function placementProblem(child: LocationKind, parent: { kind: LocationKind; code: string } | null): string | null {
  if (child === 'station') return parent === null ? null : 'A station is at the top of the tree: it cannot sit inside another location.';
  if (parent === null) return `A ${child} sits inside a station (or a greenhouse, field, compartment or bench). Choose where it is.`;
  if (locationKindRank[parent.kind] >= locationKindRank[child]) {
    return `A ${child} cannot sit inside a ${parent.kind} (${parent.code}). Choose a location higher up: ${aboveKinds(child)}.`;
  }
  return null;
}

function aboveKinds(kind: LocationKind): string {
  const rank = locationKindRank[kind];
  return (Object.entries(locationKindRank) as [LocationKind, number][])
    .filter(([, r]) => r < rank)
    .map(([k]) => k)
    .join(', ');
}

export interface LocationLike {
  id: string;
  parentId: string | null;
  code: string;
}

export interface PlacedLocation<T extends LocationLike> {
  location: T;
  depth: number;
  /** Codes from the top down to this location. */
  path: string[];
}

/**
 * The tree in depth-first order, children by code. A location whose parent is missing (deleted, or
 * not on this device) is shown at the top; locations caught in a parent cycle (two moves merged)
 * are shown at the top too, so nothing disappears from the screen.
 */
export function placeLocations<T extends LocationLike>(locations: readonly T[]): PlacedLocation<T>[] {
  const byId = new Map(locations.map((l) => [l.id, l]));
  const children = new Map<string | null, T[]>();
  for (const l of locations) {
    const parent = l.parentId !== null && byId.has(l.parentId) ? l.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), l]);
  }
  for (const list of children.values()) list.sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
  const placed: PlacedLocation<T>[] = [];
  const seen = new Set<string>();
  const visit = (l: T, depth: number, path: string[]): void => {
    if (seen.has(l.id)) return;
    seen.add(l.id);
    const own = [...path, l.code];
    placed.push({ location: l, depth, path: own });
    for (const child of children.get(l.id) ?? []) visit(child, depth + 1, own);
  };
  for (const root of children.get(null) ?? []) visit(root, 0, []);
  for (const l of [...locations].sort((a, b) => a.code.localeCompare(b.code))) visit(l, 0, []);
  return placed;
}

/** Whether `candidate` is `id` or lies below it (moving a location under its own subtree would loop). */
export function isWithin(candidate: string, id: string, parentOf: ReadonlyMap<string, string | null>): boolean {
  const seen = new Set<string>();
  let current: string | null | undefined = candidate;
  while (current !== null && current !== undefined && !seen.has(current)) {
    if (current === id) return true;
    seen.add(current);
    current = parentOf.get(current);
  }
  return false;
}
