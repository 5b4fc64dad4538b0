import { AuthGuard, Caller, Loaders, TenantContext } from '@waypoint/core';
import { execute, ExecutionArgs, subscribe } from 'graphql';

/** What graphql-ws keeps per WebSocket connection (`extra` is ours to fill). */
interface WsConnectionContext {
  connectionParams?: Readonly<Record<string, unknown>>;
  extra: unknown;
}

type WsExtra = { caller?: Caller };

/** Runs `fn` in the TenantContext of the operation's caller (unbound when there is none). */
function inCallerContext<R>(args: ExecutionArgs, fn: () => R): R {
  const organizationId = (args.contextValue as { req?: { caller?: Caller } } | undefined)?.req?.caller?.organizationId;
  return organizationId ? TenantContext.run(organizationId, fn) : TenantContext.runUnbound(fn);
}

/** The same stream, each step of which (the next event, its resolvers) runs in the caller's TenantContext. */
function inContext<T>(args: ExecutionArgs, source: AsyncIterableIterator<T>): AsyncIterableIterator<T> {
  const it: AsyncIterableIterator<T> = {
    next: (...a: [] | [unknown]) => inCallerContext(args, () => source.next(...a)),
    return: (value?: unknown) => inCallerContext(args, () => source.return?.(value) ?? Promise.resolve({ done: true as const, value: undefined })),
    throw: (error?: unknown) => inCallerContext(args, () => source.throw?.(error) ?? Promise.reject(error)),
    [Symbol.asyncIterator]: () => it,
  };
  return it;
}

/**
 * The `subscriptions` option of the GraphQL module: the graphql-ws protocol, authenticated once
 * per connection with the same bearer token as HTTP, passed as `connectionParams.authorization`
 * ("Bearer <token>"). A missing or invalid token closes the socket with 4403 Forbidden.
 * Every operation over the socket (and every event of a subscription) runs in the TenantContext
 * of the connection's caller, so its queries are bound to that organization (row-level security).
 */
export function liveSubscriptionOptions(guard: AuthGuard) {
  return {
    'graphql-ws': {
      execute: (args: ExecutionArgs) => inCallerContext(args, () => execute(args)),
      subscribe: async (args: ExecutionArgs) => {
        const result = await inCallerContext(args, () => subscribe(args));
        return Symbol.asyncIterator in result ? inContext(args, result) : result;
      },
      onConnect: async (ctx: WsConnectionContext): Promise<boolean> => {
        const params = ctx.connectionParams ?? {};
        const header = params.authorization ?? params.Authorization;
        try {
          (ctx.extra as WsExtra).caller = await guard.authenticate(typeof header === 'string' ? header : undefined);
          return true;
        } catch {
          return false;
        }
      },
    },
  };
}

/** True when the GraphQL context function is called by graphql-ws (not by an HTTP request). */
export function isWebSocketContext(ctx: unknown): ctx is WsConnectionContext {
  return !!ctx && typeof ctx === 'object' && 'extra' in ctx && 'acknowledged' in ctx && 'subscriptions' in ctx;
}

/**
 * The GraphQL context of an operation over the WebSocket: the caller authenticated in onConnect
 * takes the place of the HTTP request, so the global guard, @CurrentUser() and @Roles() work
 * as they do over HTTP.
 */
export function webSocketContext(ctx: WsConnectionContext) {
  return { req: { headers: {}, caller: (ctx.extra as WsExtra).caller }, loaders: new Loaders() };
}
