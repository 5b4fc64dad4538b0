import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient } from 'graphql-ws';
import { getToken } from './auth';

/** graphql-ws on the same origin; the token travels in connection_init ({ authorization }). */
export function createWsLink(): GraphQLWsLink {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  return new GraphQLWsLink(
    createClient({
      url,
      lazy: true,
      retryAttempts: Infinity,
      connectionParams: () => {
        const token = getToken();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
    }),
  );
}
