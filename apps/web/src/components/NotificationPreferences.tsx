/**
 * Per-type notification preferences (a type not listed by the API is IN_APP): in the centre and
 * live, in the daily email digest, or off (hidden, not emailed). Saved as soon as one changes.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { MyNotificationPreferencesDocument, SetNotificationPreferencesDocument, type NotificationChannel } from '../generated/lazy';
import { describeError } from '../lib/format';
import { Card, ErrorMessage, Loading, Status } from './ui';

const CHANNELS: Record<NotificationChannel, string> = { IN_APP: 'In the app, live', EMAIL_DIGEST: 'Daily email digest', OFF: 'Off' };

export const NOTIFICATION_GROUPS: { title: string; types: [string, string][] }[] = [
  {
    title: 'Openings',
    types: [
      ['OPENING_RECOMMENDED', 'An opening fits you'],
      ['APPLICATION_STATUS_CHANGED', 'Your application moves'],
      ['APPLICATION_RECEIVED', 'A new application (hiring managers)'],
      ['APPLICATION_WITHDRAWN', 'An application is withdrawn (hiring managers)'],
      ['APPLICATION_DISCLOSED', 'A report shares an application with you'],
      ['OPENING_EXPIRED', 'An opening you hire for expired'],
      ['RELEASE_REQUESTED', 'A report is hired elsewhere: agree a release date'],
      ['RELEASE_REMINDER', 'Release date reminder'],
      ['RELEASE_ESCALATED', 'Overdue release (HR)'],
      ['RELEASE_AGREED', 'A release date is agreed'],
      ['INTERVIEW_NUDGE', 'Yearly interview practice nudge'],
    ],
  },
  {
    title: 'Research meetings',
    types: [
      ['MEETING_REQUESTED', 'Someone asks to meet you'],
      ['MEETING_QUEUED', 'Your request waits in a queue'],
      ['MEETING_PROMOTED', 'Your request left the queue'],
      ['MEETING_SLOTS_PROPOSED', 'Times are proposed'],
      ['MEETING_SCHEDULED', 'A meeting is scheduled'],
      ['MEETING_REMINDER', 'A meeting starts soon'],
      ['MEETING_DECLINED', 'A request is declined'],
      ['MEETING_CANCELLED', 'A meeting is cancelled'],
    ],
  },
  {
    title: 'Mentoring',
    types: [
      ['MENTORING_PROPOSAL', 'A mentoring proposal'],
      ['MENTORING_REQUEST', 'Someone asks you to mentor them'],
      ['MENTORING_PROPOSAL_ACCEPTED', 'A proposal is accepted'],
      ['MENTORING_PROPOSAL_DECLINED', 'A proposal is declined'],
      ['MENTORING_PROPOSAL_EXPIRED', 'A proposal expired'],
      ['MENTORSHIP_STARTED', 'A mentorship starts'],
      ['MENTORING_SESSION_SCHEDULED', 'A session is scheduled'],
      ['MENTORING_SESSION_CANCELLED', 'A session is cancelled'],
      ['MENTORING_SESSION_DUE', 'Time to meet your mentor or mentee'],
      ['MENTORSHIP_COMPLETED', 'A mentorship is completed'],
      ['MENTOR_PAUSED', 'Your mentoring is paused'],
      ['MENTORING_ROUND_MATCHED', 'A matching round is ready (HR)'],
    ],
  },
  {
    title: 'Projects',
    types: [
      ['PROJECT_ANNOUNCED', 'A project fits you'],
      ['PROJECT_JOIN_REQUESTED', 'Someone asks to join your project'],
      ['PROJECT_REQUEST_ACCEPTED', 'Your request is accepted'],
      ['PROJECT_REQUEST_DECLINED', 'Your request is declined'],
      ['PROJECT_REQUEST_WITHDRAWN', 'A request is withdrawn'],
      ['PROJECT_APPROVAL_NEEDED', 'A report needs your approval'],
      ['PROJECT_PARTICIPATION_APPROVED', 'Your project time is approved'],
      ['PROJECT_PARTICIPATION_NOT_APPROVED', 'Your project time is not approved'],
      ['PROJECT_PARTICIPANT_LEFT', 'Someone left your project'],
      ['PROJECT_COMPLETED', 'A project is completed'],
      ['PROJECT_SKILL_ENDORSED', 'A skill of yours is endorsed'],
    ],
  },
  {
    title: 'Committees',
    types: [
      ['COMMITTEE_SEATS_OPENED', 'Committee seats open'],
      ['COMMITTEE_APPLICATION_RECEIVED', 'A committee application (chairs)'],
      ['COMMITTEE_APPLICATION_SELECTED', 'You are selected'],
      ['COMMITTEE_APPLICATION_REJECTED', 'Your committee application is not selected'],
      ['COMMITTEE_TERM_ENDING', 'Your term ends soon'],
      ['COMMITTEE_TERM_ENDING_HR', 'A member’s term ends soon (HR, chairs)'],
    ],
  },
];

export function NotificationPreferences() {
  const { data, loading, error } = useQuery(MyNotificationPreferencesDocument);
  const [save, saving] = useMutation(SetNotificationPreferencesDocument, { refetchQueries: ['MyNotificationPreferences', 'UnreadNotificationCount', 'MyNotifications'] });
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // Preferences have no id (not normalized): a choice shows at once, the refetch confirms it.
  const [chosen, setChosen] = useState<Record<string, NotificationChannel>>({});
  const current = new Map((data?.myNotificationPreferences ?? []).map((p) => [p.type, p.channel]));
  const change = async (type: string, label: string, channel: NotificationChannel) => {
    setProblem(null);
    setChosen((c) => ({ ...c, [type]: channel }));
    try {
      await save({ variables: { preferences: [{ type, channel }] } });
      setStatus(`${label}: ${CHANNELS[channel].toLowerCase()}.`);
    } catch (err) {
      setChosen(({ [type]: _, ...rest }) => rest);
      setProblem(describeError(err));
    }
  };
  return (
    <Card title="Notification preferences" id="preferences">
      <p className="hint">Choose, per kind of notification, how you hear about it. “Off” hides it from the centre too.</p>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {data &&
        NOTIFICATION_GROUPS.map((g) => (
          <details key={g.title} className="pref-group">
            <summary>{g.title}</summary>
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{g.title} notifications</caption>
                <thead>
                  <tr>
                    <th scope="col">Notification</th>
                    <th scope="col">How</th>
                  </tr>
                </thead>
                <tbody>
                  {g.types.map(([type, label]) => (
                    <tr key={type}>
                      <th scope="row">{label}</th>
                      <td>
                        <label className="visually-hidden" htmlFor={`pref-${type}`}>
                          How to notify: {label}
                        </label>
                        <select id={`pref-${type}`} value={chosen[type] ?? current.get(type) ?? 'IN_APP'} disabled={saving.loading} onChange={(e) => void change(type, label, e.target.value as NotificationChannel)}>
                          {(Object.keys(CHANNELS) as NotificationChannel[]).map((c) => (
                            <option key={c} value={c}>
                              {CHANNELS[c]}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        ))}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <Status>{status}</Status>
    </Card>
  );
}
