import { AuthGuard, Caller, Loaders } from '@waypoint/core';

/** What graphql-ws keeps per WebSocket connection (`extra` is ours to fill). */
interface WsConnectionContext {
  connectionParams?: Readonly<Record<string, unknown>>;
  extra: unknown;
}

type WsExtra = { caller?: Caller };

/**
 * The `subscriptions` option of the GraphQL module: the graphql-ws protocol, authenticated once
 * per connection with the same bearer token as HTTP, passed as `connectionParams.authorization`
 * ("Bearer <token>"). A missing or invalid token closes the socket with 4403 Forbidden.
 */
export function liveSubscriptionOptions(guard: AuthGuard) {
  return {
    'graphql-ws': {
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
