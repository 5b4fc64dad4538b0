/**
 * Committees: everyone browses committees and their open seats and applies with a motivation;
 * HR creates committees; HR and the chair open seats and select among the applications (which
 * only they, and the applicant, can read).
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { EmployeePicker, type PickedEmployee } from '../components/EmployeePicker';
import { Badge, Card, EmptyState, ErrorMessage, Loading, PageHeader, Status, TextArea, TextField } from '../components/ui';
import {
  ApplyToCommitteeDocument,
  CommitteeApplicationsDocument,
  CommitteesDocument,
  CreateCommitteeDocument,
  OpenCommitteeSeatsDocument,
  SelectCommitteeApplicantDocument,
  type CommitteeFieldsFragment,
  type SeatOpeningFieldsFragment,
} from '../generated/graphql';
import { formatDate } from '../lib/format';
import { useViewer } from '../viewer';

const REFETCH = ['Committees', 'CommitteeApplications'];
const APPLICATION_LABELS: Record<string, string> = { APPLIED: 'Applied', SELECTED: 'Selected', REJECTED: 'Not selected', WITHDRAWN: 'Withdrawn' };

export function CommitteesPage() {
  const viewer = useViewer();
  const { data, loading, error } = useQuery(CommitteesDocument, { fetchPolicy: 'cache-and-network' });
  const committees = data?.committees.edges.map((e) => e.node) ?? [];
  const openings = data?.committeeSeatOpenings.edges.map((e) => e.node) ?? [];
  const applications = data?.myCommitteeApplications.edges.map((e) => e.node) ?? [];
  return (
    <>
      <PageHeader title="Committees" lead="Committees shape how we work. Apply for an open seat; terms are for a fixed number of months." />
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {applications.length > 0 && (
        <Card title="Your applications">
          <ul className="plain-list" aria-label="Your committee applications">
            {applications.map((a) => (
              <li key={a.id}>
                <strong>{a.committee?.name ?? 'Committee'}</strong> · {APPLICATION_LABELS[a.status]}
                {a.feedback && ` — ${a.feedback}`}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {viewer.isHr && <NewCommitteeCard />}
      {data && !committees.length && <EmptyState title="No committees yet" />}
      <div className="grid grid-2">
        {committees.map((c) => (
          <CommitteeCard
            key={c.id}
            committee={c}
            openings={openings.filter((o) => o.committeeId === c.id)}
            applications={applications}
            canManage={viewer.isHr || c.chair?.id === viewer.id}
          />
        ))}
      </div>
    </>
  );
}

function CommitteeCard({
  committee: c,
  openings,
  applications,
  canManage,
}: {
  committee: CommitteeFieldsFragment;
  openings: SeatOpeningFieldsFragment[];
  applications: { openingId: string; status: string; feedback?: string | null }[];
  canManage: boolean;
}) {
  const [apply, applying] = useMutation(ApplyToCommitteeDocument, { refetchQueries: REFETCH });
  const [open, opening] = useMutation(OpenCommitteeSeatsDocument, { refetchQueries: REFETCH });
  const [motivation, setMotivation] = useState('');
  const [seats, setSeats] = useState('1');
  const [deadline, setDeadline] = useState(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
  const [status, setStatus] = useState('');
  return (
    <Card title={c.name}>
      <p>{c.mission}</p>
      <p className="person-meta">
        {c.chair ? `Chaired by ${c.chair.fullName} · ` : ''}
        {c.seatsTaken} of {c.seats} seats taken · terms of {c.termMonths} months
      </p>
      {c.passionTags.length > 0 && (
        <ul className="chips small" aria-label={`Themes of ${c.name}`}>
          {c.passionTags.map((t) => (
            <li key={t} className="chip">
              {t}
            </li>
          ))}
        </ul>
      )}
      {openings.map((o) => {
        const mine = applications.find((a) => a.openingId === o.id);
        return (
          <div key={o.id} className="item">
            <p>
              <Badge tone="accent">
                {o.seats - o.seatsFilled} open {o.seats - o.seatsFilled === 1 ? 'seat' : 'seats'}
              </Badge>{' '}
              Apply by {formatDate(o.deadline)}
            </p>
            {mine ? (
              <p>
                Your application: {APPLICATION_LABELS[mine.status]}
                {mine.feedback && ` — ${mine.feedback}`}
              </p>
            ) : (
              <div className="inline-form">
                <TextField label={`Why you, for ${c.name}`} value={motivation} onChange={setMotivation} />
                <button
                  type="button"
                  className="btn btn-secondary"
                  disabled={applying.loading}
                  onClick={() =>
                    void apply({ variables: { openingId: o.id, motivation } })
                      .then(() => setStatus(`Applied to ${c.name}.`))
                      .catch(() => undefined)
                  }
                >
                  Apply<span className="visually-hidden"> to {c.name}</span>
                </button>
              </div>
            )}
            {canManage && <Applications openingId={o.id} committee={c.name} onSelected={(name) => setStatus(`Selected ${name} for ${c.name}.`)} />}
          </div>
        );
      })}
      {canManage && (
        <form
          className="inline-form"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            void open({ variables: { input: { committeeId: c.id, seats: Number(seats), deadline: new Date(`${deadline}T23:59:59`).toISOString() } } })
              .then(() => setStatus(`Seats opened on ${c.name}.`))
              .catch(() => undefined);
          }}
        >
          <TextField label={`Seats to open on ${c.name}`} type="number" min={1} value={seats} onChange={setSeats} />
          <TextField label={`Applications close (${c.name})`} type="date" value={deadline} onChange={setDeadline} />
          <button type="submit" className="btn btn-secondary" disabled={opening.loading}>
            Open seats
          </button>
        </form>
      )}
      <ErrorMessage error={applying.error ?? opening.error} />
      <Status>{status}</Status>
    </Card>
  );
}

function Applications({ openingId, committee, onSelected }: { openingId: string; committee: string; onSelected: (name: string) => void }) {
  const { data, error } = useQuery(CommitteeApplicationsDocument, { variables: { openingId }, fetchPolicy: 'cache-and-network' });
  const [select, selecting] = useMutation(SelectCommitteeApplicantDocument, { refetchQueries: REFETCH });
  const list = data?.committeeApplications.edges.map((e) => e.node) ?? [];
  return (
    <div>
      <h3>Applications</h3>
      <ErrorMessage error={error ?? selecting.error} />
      {data && !list.length && <p className="empty-inline">No applications yet.</p>}
      <ul className="plain-list" aria-label={`Applications to ${committee}`}>
        {list.map((a) => (
          <li key={a.id}>
            <strong>{a.employee?.fullName}</strong> · {APPLICATION_LABELS[a.status]}
            {a.motivation && <> — “{a.motivation}”</>}
            {a.status === 'APPLIED' && (
              <button type="button" className="btn btn-primary btn-small" onClick={() =>
                  void select({ variables: { applicationId: a.id } })
                    .then(() => onSelected(a.employee?.fullName ?? 'the applicant'))
                    .catch(() => undefined)
                }>
                Select<span className="visually-hidden"> {a.employee?.fullName}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function NewCommitteeCard() {
  const [create, creating] = useMutation(CreateCommitteeDocument, { refetchQueries: REFETCH });
  const [name, setName] = useState('');
  const [mission, setMission] = useState('');
  const [tags, setTags] = useState('');
  const [seats, setSeats] = useState('5');
  const [termMonths, setTermMonths] = useState('12');
  const [chair, setChair] = useState<PickedEmployee | null>(null);
  const [status, setStatus] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await create({
      variables: {
        input: {
          name: name.trim(),
          mission: mission.trim(),
          passionTags: tags.split(',').map((t) => t.trim()).filter(Boolean),
          seats: Number(seats),
          termMonths: Number(termMonths),
          chairId: chair?.id ?? null,
        },
      },
    });
    setStatus(`Created ${name.trim()}.`);
    setName('');
    setMission('');
    setTags('');
    setChair(null);
  };
  return (
    <Card title="New committee">
      <form onSubmit={(e) => void submit(e).catch(() => undefined)} noValidate>
        <div className="grid grid-2">
          <TextField label="Committee name" required value={name} onChange={setName} />
          <TextField label="Themes" hint="Comma-separated passions, e.g. sustainability, inclusion" value={tags} onChange={setTags} />
        </div>
        <TextArea label="Mission" value={mission} onChange={setMission} rows={2} />
        <div className="grid grid-3">
          <TextField label="Member seats" type="number" min={1} value={seats} onChange={setSeats} />
          <TextField label="Term (months)" type="number" min={1} value={termMonths} onChange={setTermMonths} />
          <EmployeePicker label="Chair" value={chair} onChange={setChair} />
        </div>
        <ErrorMessage error={creating.error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={creating.loading}>
            Create committee
          </button>
        </div>
        <Status>{status}</Status>
      </form>
    </Card>
  );
}
