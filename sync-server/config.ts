import { z } from 'zod';
import { AppError } from '../common/errors';

const environmentSchema = z.object({
  DATABASE_URL: z.string().min(1, 'DATABASE_URL is required: the connection string of the application role (fieldstation_app)'),
  DATABASE_OWNER_URL: z.string().min(1).optional(),
  PORT: z.string().regex(/^\d{1,5}$/, 'PORT must be a port number').default('8787'),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface MainConfig {
  databaseUrl: string;
  ownerDatabaseUrl: string;
  port: number;
  host: string;
  logLevel: string;
}

/** The server's settings, from the environment. Migrations use DATABASE_OWNER_URL, or DATABASE_URL when unset. */
export function readConfig(env: NodeJS.ProcessEnv): MainConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new AppError('validation', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
  const values = parsed.data;
  return {
    databaseUrl: values.DATABASE_URL,
    ownerDatabaseUrl: values.DATABASE_OWNER_URL ?? values.DATABASE_URL,
    port: Number(values.PORT),
    host: values.HOST,
    logLevel: values.LOG_LEVEL,
  };
}
