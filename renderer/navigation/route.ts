/**
 * Where the user is, kept in the address fragment (`#/trials/<id>`) so reloading a window keeps
 * its place. The web launch token also arrives in the fragment and is taken out before routing.
 */
export type Route =
  | { screen: 'start' }
  | { screen: 'trials' }
  | { screen: 'trial'; trialId: string }
  | { screen: 'study'; studyId: string }
  | { screen: 'sync' }
  | { screen: 'stock' }
  | { screen: 'batch'; batchId: string }
  | { screen: 'locations' }
  | { screen: 'counts' }
  | { screen: 'count'; countId: string };

const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const trialPattern = new RegExp(`^/trials/(${uuid})$`, 'i');
const studyPattern = new RegExp(`^/studies/(${uuid})$`, 'i');
const batchPattern = new RegExp(`^/stock/batches/(${uuid})$`, 'i');
const countPattern = new RegExp(`^/counts/(${uuid})$`, 'i');

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '/trials') return { screen: 'trials' };
  if (path === '/sync') return { screen: 'sync' };
  if (path === '/stock') return { screen: 'stock' };
  if (path === '/locations') return { screen: 'locations' };
  if (path === '/counts') return { screen: 'counts' };
  const batch = batchPattern.exec(path);
  if (batch?.[1]) return { screen: 'batch', batchId: batch[1] };
  const count = countPattern.exec(path);
  if (count?.[1]) return { screen: 'count', countId: count[1] };
  const trial = trialPattern.exec(path);
  if (trial?.[1]) return { screen: 'trial', trialId: trial[1] };
  const study = studyPattern.exec(path);
  if (study?.[1]) return { screen: 'study', studyId: study[1] };
  return { screen: 'start' };
}

export function hrefOf(route: Route): string {
  switch (route.screen) {
    case 'start':
      return '#/';
    case 'trials':
      return '#/trials';
    case 'trial':
      return `#/trials/${route.trialId}`;
    case 'study':
      return `#/studies/${route.studyId}`;
    case 'sync':
      return '#/sync';
    case 'stock':
      return '#/stock';
    case 'batch':
      return `#/stock/batches/${route.batchId}`;
    case 'locations':
      return '#/locations';
    case 'counts':
      return '#/counts';
    case 'count':
      return `#/counts/${route.countId}`;
  }
}

export function navigate(route: Route): void {
  const href = hrefOf(route);
  if (window.location.hash !== href) window.location.hash = href;
}
