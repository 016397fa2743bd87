import { register } from 'node:module';

register('./sql-raw-hooks.mjs', import.meta.url);
