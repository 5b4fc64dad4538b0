/** The notification centre: all or unread, mark one or all as read, load more; per-type preferences. */
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { NotificationPreferences } from '../components/NotificationPreferences';
import { EmptyState, ErrorMessage, Loading, PageHeader } from '../components/ui';
import { MarkNotificationsReadDocument, MyNotificationsDocument, type MyNotificationsQuery } from '../generated/graphql';
import { formatDate, plural, relativeTime } from '../lib/format';

const PAGE = 20;
type Item = MyNotificationsQuery['myNotifications']['edges'][number]['node'];

export function NotificationsPage() {
  const client = useApolloClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [status, setStatus] = useState('');
  const { data, loading, error, fetchMore, refetch } = useQuery(MyNotificationsDocument, {
    variables: { first: PAGE, unreadOnly },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const [markRead, { loading: marking, error: markError }] = useMutation(MarkNotificationsReadDocument);
  const items = data?.myNotifications.edges.map((e) => e.node) ?? [];
  const unreadHere = items.filter((n) => !n.readAt);

  async function mark(ids?: string[]) {
    const { data: result } = await markRead({ variables: { ids: ids ?? null }, refetchQueries: ['UnreadNotificationCount'] });
    const now = new Date().toISOString();
    for (const n of ids ? items.filter((i) => ids.includes(i.id)) : items) {
      client.cache.modify({ id: client.cache.identify(n), fields: { readAt: (v) => v ?? now } });
    }
    setStatus(ids ? 'Marked as read.' : `Marked ${plural(result?.markNotificationsRead ?? 0, 'notification')} as read.`);
    if (unreadOnly) await refetch();
  }

  return (
    <>
      <PageHeader
        title="Notifications"
        actions={
          <button type="button" className="btn btn-secondary" disabled={marking || !unreadHere.length} onClick={() => void mark().catch(() => undefined)}>
            Mark all as read
          </button>
        }
      />
      <div className="segmented" role="group" aria-label="Show">
        <button type="button" aria-pressed={!unreadOnly} onClick={() => setUnreadOnly(false)}>
          All
        </button>
        <button type="button" aria-pressed={unreadOnly} onClick={() => setUnreadOnly(true)}>
          Unread
        </button>
      </div>
      <p role="status" aria-live="polite" className="status">
        {status}
      </p>
      <ErrorMessage error={error ?? markError} />
      {items.length > 0 ? (
        <ul className="notifications" aria-label={unreadOnly ? 'Unread notifications' : 'Notifications'}>
          {items.map((n) => (
            <NotificationItem key={n.id} n={n} onRead={() => void mark([n.id]).catch(() => undefined)} disabled={marking} />
          ))}
        </ul>
      ) : (
        data && !loading && <EmptyState title={unreadOnly ? 'You are all caught up' : 'No notifications yet'}>Recommendations, application updates and announcements land here.</EmptyState>
      )}
      {loading && !data && <Loading />}
      {data?.myNotifications.pageInfo.hasNextPage && (
        <button
          type="button"
          className="btn btn-secondary"
          disabled={loading}
          onClick={() => void fetchMore({ variables: { after: data.myNotifications.pageInfo.endCursor } })}
        >
          Show older notifications
        </button>
      )}
      <NotificationPreferences />
    </>
  );
}

function NotificationItem({ n, onRead, disabled }: { n: Item; onRead: () => void; disabled: boolean }) {
  return (
    <li className={n.readAt ? 'notification' : 'notification unread'}>
      <span className="unread-dot" aria-hidden="true" />
      <div className="notification-body">
        <h2 className="notification-title">
          {!n.readAt && <span className="visually-hidden">Unread: </span>}
          {n.title}
        </h2>
        {n.body && <p>{n.body}</p>}
        <p className="hint">
          <time dateTime={n.createdAt} title={formatDate(n.createdAt)}>
            {relativeTime(n.createdAt)}
          </time>
          {' · '}
          {n.type.toLowerCase().replace(/_/g, ' ')}
        </p>
      </div>
      {!n.readAt && (
        <button type="button" className="btn btn-ghost btn-small" onClick={onRead} disabled={disabled} aria-label={`Mark as read: ${n.title}`}>
          Mark as read
        </button>
      )}
    </li>
  );
}
