/**
 * The names of every method and event of the renderer ↔ services contract, kept free of any
 * runtime library so the preload bundle can expose one function per method without pulling zod in.
 * Names are `domain:verb-noun`.
 */
import { stockMethodNames } from './stock/stock-methods';

export const apiMethodNames = [
  'app:get-info',
  'stations:list',
  'stations:create-demo',
  'stations:create-empty',
  'stations:open',
  'stations:close',
  'trials:list',
  'studies:list',
  'studies:get',
  'plots:list-with-latest',
  'observations:record',
  'sync:get-status',
  'sync:connect',
  'sync:sync-now',
  'sync:list-rejected',
  'sync:discard-rejected',
  'sync:resend-rejected',
  'records:history',
  'observations:history',
  'observations:undo',
  'observations:list-conflicts',
  'observations:resolve-conflict',
  'observations:list-timepoints',
  'fieldbook:preview-field-file',
  'fieldbook:import-field-file',
  'fieldbook:preview-trait-file',
  'fieldbook:import-trait-file',
  'fieldbook:export-study',
  'fieldbook:preview-observation-file',
  'fieldbook:import-observation-file',
  'stations:current-user',
  'germplasm:list',
  'studies:get-walk-order',
  'studies:set-walk-order',
  'plots:list-attribute-names',
  'plots:list-attribute-values',
  'notes:get',
  'notes:apply-update',
  // Stock, counts and locations: common/stock/stock-methods.ts.
  ...stockMethodNames,
] as const;

export type ApiMethod = (typeof apiMethodNames)[number];

export const apiEventNames = ['data:changed', 'app:status', 'sync:status'] as const;
export type ApiEvent = (typeof apiEventNames)[number];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (apiMethodNames as readonly string[]).includes(name);
}
