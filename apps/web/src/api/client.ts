/**
 * The GraphQL client: same-origin /graphql over HTTP for queries and mutations, and
 * graphql-ws on ws(s)://<host>/graphql for subscriptions (loaded on the first subscription,
 * so pages without live data do not pay for it). A token is attached to every request; an
 * UNAUTHENTICATED answer ends the session.
 */
import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { relayStylePagination } from '@apollo/client/utilities';
import { Observable, type Subscription } from 'rxjs';
import { getToken, signOut } from './auth';

const authLink = new SetContextLink((prev) => {
  const token = getToken();
  return token ? { headers: { ...prev.headers, authorization: `Bearer ${token}` } } : {};
});

const errorLink = new ErrorLink(({ error }) => {
  if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
    signOut('Your session ended. Please sign in again.');
  }
});

/** Defers loading graphql-ws until a subscription actually starts. */
class LazySubscriptionLink extends ApolloLink {
  private link?: Promise<ApolloLink>;

  override request(operation: ApolloLink.Operation): Observable<ApolloLink.Result> {
    return new Observable<ApolloLink.Result>((observer) => {
      let inner: Subscription | undefined;
      let closed = false;
      this.link ??= import('./ws').then((m) => m.createWsLink());
      this.link.then(
        (link) => {
          if (!closed) inner = link.request(operation, () => new Observable()).subscribe(observer);
        },
        (e: unknown) => observer.error(e),
      );
      return () => {
        closed = true;
        inner?.unsubscribe();
      };
    });
  }
}

const httpLink = new HttpLink({ uri: '/graphql' });

export function createClient(): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([
      errorLink,
      authLink,
      ApolloLink.split((op) => op.operationType === 'subscription', new LazySubscriptionLink(), httpLink),
    ]),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            employees: relayStylePagination(['filter']),
            myNotifications: relayStylePagination(['unreadOnly']),
          },
        },
        Employee: {
          fields: {
            // Replaced wholesale by setMySkills / updateMyProfile.
            skills: { merge: false },
          },
        },
        EmployeeSkill: { keyFields: false },
        CareerAspirations: { keyFields: false, merge: true },
      },
    }),
  });
}
