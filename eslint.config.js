// Lint rules that keep each folder to what it may use (see STYLE.md: a file's path tells what it may use).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'net', 'http', 'https', 'url', 'worker_threads', 'stream', 'util'];

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'scratch/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: restrict([
      { group: nodeBuiltins, message: 'common/ is shared with the renderer and the server: no Node APIs.' },
      { group: ['electron', 'electron/*'], message: 'common/ never imports electron.' },
      { group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/sync-server/**', 'react', 'react-dom'], message: 'common/ imports only common/ and pure libraries.' },
    ]),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([
        { group: nodeBuiltins, message: 'The renderer is sandboxed: no Node APIs. Ask the services through the typed API.' },
        { group: ['electron', 'electron/*'], message: 'The renderer never imports electron; use window.fieldStation via renderer/api.' },
        { group: ['**/main/**', '**/preload/**', '**/sync-server/**', '@electric-sql/*', 'pg', 'fastify', 'pino'], message: 'The renderer reaches data only through the typed API.' },
      ]),
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/shell/**'],
    rules: restrict([
      { group: ['electron', 'electron/*'], message: 'Services never import electron (only main/shell/ does), so they run in web mode and tests.' },
      { group: ['**/renderer/**', '**/sync-server/**'], message: 'main/ does not import the renderer or the server.' },
    ]),
  },
  {
    files: ['preload/**/*.ts'],
    rules: restrict([
      { group: ['**/main/**', '**/renderer/**', 'zod'], message: 'The preload stays a thin bridge: only electron and common/api-methods.' },
    ]),
  },
  {
    files: ['sync-server/**/*.ts'],
    rules: restrict([
      { group: ['electron', 'electron/*', '**/main/**', '**/renderer/**', '**/preload/**'], message: 'The sync server shares only common/ with the app.' },
    ]),
  },
  {
    files: ['scripts/**', 'bench/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
);
