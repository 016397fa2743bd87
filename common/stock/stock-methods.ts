/**
 * The stock domain's methods of the renderer ↔ services contract (spread into common/api-methods.ts;
 * kept free of runtime libraries like the rest of that list).
 */
export const stockMethodNames = [
  'stock:receive',
  'stock:move',
  'stock:on-hand',
  'stock:on-hand-csv',
  'stock:batch-detail',
  'stock:find-code',
  'stock:exceptions',
  'stock:study-lots',
  'counts:list',
  'counts:start',
  'counts:record-line',
  'counts:explain',
  'counts:variances',
  'counts:approve',
  'counts:cancel',
  'counts:report',
  'counts:report-csv',
  'counts:report-pdf',
  'stock:labels-pdf',
  'locations:tree',
  'locations:create',
  'locations:rename',
  'locations:move',
  'locations:set-outline',
  'locations:archive',
] as const;

export type StockMethod = (typeof stockMethodNames)[number];
