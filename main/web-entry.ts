import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppRegistry } from './api/handlers';
import { AppServices } from './app-services';
import { defaultDataFolder } from './data-folder';
import { createLogger } from './logger';
import { startWebServer } from './web/web-server';

/**
 * Web mode: `npm run start:web`. Serves the built renderer and the services on 127.0.0.1 with a
 * per-launch token, for machines without the Electron binary and for end-to-end tests.
 */
const logger = createLogger('field-station-web');
const services = new AppServices({
  dataFolder: defaultDataFolder(),
  mode: 'web',
  version: process.env['npm_package_version'] ?? '0.1.0',
  logger,
});
const port = Number(process.env['FIELD_STATION_PORT'] ?? 0);
const server = await startWebServer({
  services,
  registry: createAppRegistry(logger),
  rendererDir: join(dirname(fileURLToPath(import.meta.url)), '../renderer'),
  port: Number.isInteger(port) && port >= 0 && port < 65536 ? port : 0,
});
process.stdout.write(`Field Station is running in web mode.\nOpen: ${server.launchUrl}\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await server.close();
  await services.shutdown();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
