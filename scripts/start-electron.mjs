// `npm start`: builds and runs the desktop app, or explains plainly why it cannot when the
// Electron program itself was never downloaded (common on offline machines).
//
// Never `require('electron')` here to find the program: when it is missing, that call tries to
// download it on the spot, and fails with a stack trace when offline.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The Electron executable the `electron` package would run, or null if it is not on disk. */
function findElectronProgram() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  let executable;
  try {
    executable = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    return null; // path.txt is written only after a successful download
  }
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(packageDir, 'dist');
  const program = join(distDir, executable || 'electron');
  return existsSync(program) ? program : null;
}

function explainMissingElectron() {
  process.stderr.write(
    [
      '',
      'Field Station cannot start as a desktop app: the Electron program is not installed on this computer.',
      '(The project\'s packages are installed, but the Electron download that comes with them was skipped or failed.)',
      '',
      'To get it, on a computer connected to the internet, in this project folder:',
      '  npx install-electron',
      '    or: node node_modules/electron/install.js',
      'Make sure ELECTRON_SKIP_BINARY_DOWNLOAD is not set when you run it. This puts the program',
      'in node_modules/electron/dist; copy that folder and node_modules/electron/path.txt here if needed.',
      '',
      'Meanwhile, the same app runs in your web browser:',
      '  npm run start:web',
      '',
    ].join('\n'),
  );
}

/** Runs the project's own electron-vite with the given arguments, sharing this terminal. */
function runElectronVite(args) {
  const packageDir = dirname(require.resolve('electron-vite/package.json'));
  const cli = join(packageDir, 'bin', 'electron-vite.js');
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (error) => {
      console.error(`Could not run electron-vite: ${error.message}`);
      resolvePromise(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolvePromise(code ?? (signal ? 1 : 0));
    });
  });
}

if (findElectronProgram() === null) {
  explainMissingElectron();
  process.exit(1);
}

const buildStatus = await runElectronVite(['build']);
if (buildStatus !== 0) process.exit(buildStatus);
process.exit(await runElectronVite(['preview', '--skipBuild']));
