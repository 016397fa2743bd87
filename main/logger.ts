import { pino, type Logger } from 'pino';

export type { Logger };

/** The one logger of the app's services: structured JSON lines on stderr. */
export function createLogger(name: string, level = process.env['FIELD_STATION_LOG_LEVEL'] ?? 'info'): Logger {
  return pino({ name, level }, pino.destination(2));
}
