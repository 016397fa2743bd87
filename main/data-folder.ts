import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where stations live when the shell does not say: FIELD_STATION_DATA, else the platform's usual
 * per-user data folder. The desktop shell and web mode use the same one, so both see the same stations.
 */
export function defaultDataFolder(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env['FIELD_STATION_DATA'];
  if (configured) return configured;
  if (process.platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Field Station');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Field Station');
  return join(env['XDG_DATA_HOME'] ?? join(homedir(), '.local', 'share'), 'field-station');
}
