import type { HandlerModule } from '../api/handler-registry';
import { applyNoteUpdate, getNote } from './note-service';

export const noteHandlers: HandlerModule = {
  'notes:get': (args, { services }) => getNote(services.requireSession(), args),
  'notes:apply-update': ({ update, ...subject }, { services }) =>
    applyNoteUpdate(services.requireSession(), subject, Buffer.from(update, 'base64')),
};
