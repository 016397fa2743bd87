import type { HandlerModule } from '../api/handler-registry';
import { exportStudy, importFieldFile, previewFieldFileForStudy } from './study-files';
import { importObservationFile, previewObservationFile } from './study-observations';
import { importTraitFile, previewTraitFile } from './study-traits';

export const fieldbookHandlers: HandlerModule = {
  'fieldbook:preview-field-file': (args, { services }) => previewFieldFileForStudy(services.requireSession(), args),
  'fieldbook:import-field-file': (args, { services }) => importFieldFile(services.requireSession(), args),
  'fieldbook:export-study': (args, { services }) => exportStudy(services.requireSession(), args),
  'fieldbook:preview-trait-file': (args, { services }) => previewTraitFile(services.requireSession(), args),
  'fieldbook:import-trait-file': (args, { services }) => importTraitFile(services.requireSession(), args),
  'fieldbook:preview-observation-file': (args, { services }) => previewObservationFile(services.requireSession(), args),
  'fieldbook:import-observation-file': (args, { services }) => importObservationFile(services.requireSession(), args),
};
