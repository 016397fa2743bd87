import type { HandlerModule } from '../api/handler-registry';
import { exportStudy, importFieldFile, previewFieldFileForStudy } from './study-files';

export const fieldbookHandlers: HandlerModule = {
  'fieldbook:preview-field-file': (args, { services }) => previewFieldFileForStudy(services.requireSession(), args),
  'fieldbook:import-field-file': (args, { services }) => importFieldFile(services.requireSession(), args),
  'fieldbook:export-study': (args, { services }) => exportStudy(services.requireSession(), args),
};
