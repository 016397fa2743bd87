import type { z } from 'zod';
import { apiArgumentSchemas, type ApiArgs, type ApiResults } from '../../common/api-contract';
import { apiMethodNames, isApiMethod, type ApiMethod } from '../../common/api-methods';
import { AppError, toAppError, type Result } from '../../common/errors';
import type { Logger } from '../logger';
import type { AppServices } from '../app-services';

export interface HandlerContext {
  services: AppServices;
}

export type Handler<M extends ApiMethod> = (args: ApiArgs<M>, ctx: HandlerContext) => Promise<ApiResults[M]>;
export type HandlerModule = { [M in ApiMethod]?: Handler<M> };

export interface Registry {
  invoke(method: unknown, args: unknown, ctx: HandlerContext): Promise<Result<unknown>>;
  methods(): ApiMethod[];
}

function describeIssue(issue: z.core.$ZodIssue): { field: string; message: string } {
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(arguments)';
  const message =
    issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : issue.message;
  return { field, message };
}

/** Combines the domains' handler modules; a method claimed twice or left without a handler is a startup error. */
export function createRegistry(modules: HandlerModule[], logger: Logger): Registry {
  const handlers = new Map<ApiMethod, Handler<ApiMethod>>();
  for (const module of modules) {
    for (const [name, handler] of Object.entries(module)) {
      if (!isApiMethod(name)) throw new Error(`Handler for unknown method ${name}`);
      if (handlers.has(name)) throw new Error(`Two handlers claim the method ${name}`);
      handlers.set(name, handler as Handler<ApiMethod>);
    }
  }
  const missing = apiMethodNames.filter((name) => !handlers.has(name));
  if (missing.length > 0) throw new Error(`No handler for ${missing.join(', ')}`);

  return {
    methods: () => [...handlers.keys()],
    async invoke(method, args, ctx) {
      if (!isApiMethod(method)) {
        return { ok: false, error: { code: 'validation', message: `Unknown method ${String(method)}.`, details: { field: 'method' } } };
      }
      const parsed = apiArgumentSchemas[method].safeParse(args ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.map(describeIssue);
        const first = issues[0] ?? { field: '(arguments)', message: 'invalid' };
        return {
          ok: false,
          error: { code: 'validation', message: `${first.field}: ${first.message}`, details: { field: first.field, issues } },
        };
      }
      try {
        const handler = handlers.get(method) as Handler<ApiMethod>;
        return { ok: true, data: await handler(parsed.data as ApiArgs<ApiMethod>, ctx) };
      } catch (error) {
        if (!(error instanceof AppError)) logger.error({ err: error, method }, 'handler failed');
        return { ok: false, error: toAppError(error).toPayload() };
      }
    },
  };
}
