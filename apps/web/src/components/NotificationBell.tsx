/**
 * The bell: unread count from the cache (the shell's first query carries it). Live: a
 * `notificationReceived` subscription (graphql-ws, loaded on demand) refreshes the count and the
 * notification centre as soon as something arrives; polling every 30 s and on window focus
 * stays as the fallback (a dropped socket reconnects, but a push may be missed meanwhile).
 */
import { useApolloClient, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { NotificationReceivedDocument, UnreadNotificationCountDocument } from '../generated/graphql';
import { Link, useLocation } from '../router';

export const BELL_POLL_MS = 30_000;

export function NotificationBell() {
  const client = useApolloClient();
  const { data, refetch } = useQuery(UnreadNotificationCountDocument, { pollInterval: BELL_POLL_MS });
  const { pathname } = useLocation();
  const count = data?.unreadNotificationCount ?? 0;
  const previous = useRef(count);
  const [announcement, setAnnouncement] = useState('');

  useSubscription(NotificationReceivedDocument, {
    onData: () => {
      void client.refetchQueries({ include: ['UnreadNotificationCount', 'MyNotifications'] });
    },
    // The polling fallback covers a failed socket; nothing to show the user.
    onError: () => undefined,
  });

  useEffect(() => {
    const onFocus = () => void refetch().catch(() => undefined);
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [refetch]);

  useEffect(() => {
    if (count > previous.current) setAnnouncement(`${count} unread notification${count === 1 ? '' : 's'}`);
    previous.current = count;
  }, [count]);

  const label = count ? `Notifications, ${count} unread` : 'Notifications';
  return (
    <>
      <Link to="/notifications" className="bell" aria-label={label} aria-current={pathname === '/notifications' ? 'page' : undefined}>
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {count > 0 && (
          <span className="bell-count" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </Link>
      <span className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </span>
    </>
  );
}
