import type { HandlerModule } from '../api/handler-registry';
import { approveCount, countReport, countReportCsv } from './count-approval';
import { countVariances } from './count-variances';
import { cancelCount, explainCountLine, listCounts, recordCountLine, startCount } from './counts';
import { archiveLocation, createLocation, listLocationTree, moveLocation, renameLocation, setLocationOutline } from './locations';
import { moveStock, receiveBatch } from './movements';
import { stockOnHand, stockOnHandCsv } from './stock-on-hand';
import { countReportPdf, stockLabelsPdf } from './stock-pdfs';
import { batchDetail, findCode, stockExceptions, studyLots } from './stock-reports';

/** Stock: batches and movements, balances and exceptions. */
export const stockHandlers: HandlerModule = {
  'stock:receive': (args, { services }) => receiveBatch(services.requireSession(), args),
  'stock:labels-pdf': (args, { services }) => stockLabelsPdf(services.requireSession(), args),
  'stock:move': (args, { services }) => moveStock(services.requireSession(), args),
  'stock:on-hand': (args, { services }) => stockOnHand(services.requireSession(), args),
  'stock:on-hand-csv': (args, { services }) => stockOnHandCsv(services.requireSession(), args),
  'stock:batch-detail': (args, { services }) => batchDetail(services.requireSession(), args),
  'stock:find-code': (args, { services }) => findCode(services.requireSession(), args),
  'stock:exceptions': (args, { services }) => stockExceptions(services.requireSession(), args),
  'stock:study-lots': (args, { services }) => studyLots(services.requireSession(), args),
};

/** Counts and reconciliation. */
export const countHandlers: HandlerModule = {
  'counts:list': (args, { services }) => listCounts(services.requireSession(), args),
  'counts:start': (args, { services }) => startCount(services.requireSession(), args),
  'counts:record-line': (args, { services }) => recordCountLine(services.requireSession(), args),
  'counts:explain': (args, { services }) => explainCountLine(services.requireSession(), args),
  'counts:variances': (args, { services }) => countVariances(services.requireSession().replica, args.countId),
  'counts:approve': (args, { services }) => approveCount(services.requireSession(), args),
  'counts:cancel': (args, { services }) => cancelCount(services.requireSession(), args),
  'counts:report': (args, { services }) => countReport(services.requireSession(), args),
  'counts:report-csv': (args, { services }) => countReportCsv(services.requireSession(), args),
  'counts:report-pdf': (args, { services }) => countReportPdf(services.requireSession(), args),
};

/** The location tree. */
export const locationHandlers: HandlerModule = {
  'locations:tree': (args, { services }) => listLocationTree(services.requireSession().replica, args),
  'locations:create': (args, { services }) => createLocation(services.requireSession(), args),
  'locations:rename': (args, { services }) => renameLocation(services.requireSession(), args),
  'locations:move': (args, { services }) => moveLocation(services.requireSession(), args),
  'locations:set-outline': (args, { services }) => setLocationOutline(services.requireSession(), args),
  'locations:archive': (args, { services }) => archiveLocation(services.requireSession(), args),
};
