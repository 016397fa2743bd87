import { isWithin, placementProblem } from '../../common/stock/location-tree';
import type { LocationNode } from '../../common/stock/stock-results';
import { locationKinds, type LocationKind } from '../../common/vocabulary';

/** The location tree as the screens walk it: children, what is shown when folded, what may go where. */

export function parentMap(nodes: readonly LocationNode[]): Map<string, string | null> {
  return new Map(nodes.map((node) => [node.id, node.parentId]));
}

/** The ids of locations that have at least one child in `nodes`. */
export function idsWithChildren(nodes: readonly LocationNode[]): Set<string> {
  const ids = new Set(nodes.map((node) => node.id));
  const parents = new Set<string>();
  for (const node of nodes) if (node.parentId !== null && ids.has(node.parentId)) parents.add(node.parentId);
  return parents;
}

/** The ids of `id`'s ancestors, nearest first. */
export function ancestorIds(id: string, parentOf: ReadonlyMap<string, string | null>): string[] {
  const found: string[] = [];
  const seen = new Set([id]);
  let current = parentOf.get(id) ?? null;
  while (current !== null && !seen.has(current)) {
    found.push(current);
    seen.add(current);
    current = parentOf.get(current) ?? null;
  }
  return found;
}

/** Whether a location matches what was typed in the tree's search box: its code, name or path. */
export function matchesSearch(node: LocationNode, search: string): boolean {
  const words = search.trim().toLowerCase();
  if (words === '') return true;
  return node.code.toLowerCase().includes(words) || node.name.toLowerCase().includes(words);
}

/**
 * The rows the tree shows, in the tree's (depth-first) order: a location is shown when every
 * ancestor is expanded. With a search, the matches are shown with their ancestors, unfolded.
 */
export function visibleNodes(nodes: readonly LocationNode[], expanded: ReadonlySet<string>, search = ''): LocationNode[] {
  const parentOf = parentMap(nodes);
  if (search.trim() !== '') {
    const keep = new Set<string>();
    for (const node of nodes) {
      if (!matchesSearch(node, search)) continue;
      keep.add(node.id);
      for (const id of ancestorIds(node.id, parentOf)) keep.add(id);
    }
    return nodes.filter((node) => keep.has(node.id));
  }
  return nodes.filter((node) => ancestorIds(node.id, parentOf).every((id) => expanded.has(id)));
}

/** The locations a search unfolds: every ancestor of a match. */
export function searchExpansion(nodes: readonly LocationNode[], search: string): Set<string> {
  const parentOf = parentMap(nodes);
  const open = new Set<string>();
  if (search.trim() === '') return open;
  for (const node of nodes) if (matchesSearch(node, search)) for (const id of ancestorIds(node.id, parentOf)) open.add(id);
  return open;
}

/** Locations unfolded when the screen opens: the top two levels (station and its greenhouses or fields). */
export function initialExpansion(nodes: readonly LocationNode[]): Set<string> {
  return new Set(nodes.filter((node) => node.depth < 2).map((node) => node.id));
}

/** The bins of a location's subtree (itself included when it is one), in use. */
export function binsWithin(nodes: readonly LocationNode[], rootId: string): LocationNode[] {
  const parentOf = parentMap(nodes);
  return nodes.filter((node) => node.kind === 'bin' && node.archivedAt === null && isWithin(node.id, rootId, parentOf));
}

/** The kinds a new location may have inside `parent` (null: at the top). */
export function childKinds(parent: Pick<LocationNode, 'kind' | 'code'> | null): LocationKind[] {
  return locationKinds.filter((kind) => placementProblem(kind, parent) === null);
}

/** Where `location` may be moved: locations in use it may sit inside, outside its own subtree, but not where it is now. */
export function moveTargets(nodes: readonly LocationNode[], location: LocationNode): LocationNode[] {
  const parentOf = parentMap(nodes);
  return nodes.filter(
    (node) =>
      node.archivedAt === null &&
      node.id !== location.parentId &&
      !isWithin(node.id, location.id, parentOf) &&
      placementProblem(location.kind, node) === null,
  );
}

/** The locations stock can be put into (bins first would hide benches people also use): every one in use. */
export function locationsInUse(nodes: readonly LocationNode[]): LocationNode[] {
  return nodes.filter((node) => node.archivedAt === null);
}
