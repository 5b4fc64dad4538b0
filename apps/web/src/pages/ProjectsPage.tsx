/**
 * Cross-functional projects: browse open projects and ask to join; post a project (a draft the
 * owner publishes: the worker then announces it to colleagues who have or want the skills);
 * the owner's view of requests (accept / decline); a manager's approvals of project time.
 * A request's motivation is shown to the requester, the owner, the approving manager and HR.
 */
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Combobox } from '../components/Combobox';
import { Badge, Card, EmptyState, ErrorMessage, Loading, PageHeader, SelectField, Status, TextArea, TextField } from '../components/ui';
import {
  AcceptProjectRequestDocument,
  ApproveProjectParticipationDocument,
  CreateProjectDocument,
  DeclineProjectRequestDocument,
  ProjectApprovalsAwaitingMeDocument,
  ProjectParticipantsDocument,
  ProjectsDocument,
  PublishProjectDocument,
  RefuseProjectParticipationDocument,
  RequestToJoinProjectDocument,
  SearchSkillsDocument,
  type ProjectFieldsFragment,
  type SkillFieldsFragment,
} from '../generated/graphql';
import { PROFICIENCY_LABELS } from '../lib/format';
import { useViewer } from '../viewer';

const PARTICIPATION_LABELS: Record<string, string> = {
  REQUESTED: 'Request sent',
  PENDING_APPROVAL: 'Waiting for manager approval',
  ACTIVE: 'On the team',
  DECLINED: 'Declined',
  APPROVAL_DECLINED: 'Not approved',
  WITHDRAWN: 'Withdrawn',
  LEFT: 'Left',
  COMPLETED: 'Completed',
};

const REFETCH = ['Projects', 'ProjectParticipants', 'ProjectApprovalsAwaitingMe'];

export function ProjectsPage() {
  const viewer = useViewer();
  return (
    <>
      <PageHeader title="Projects" lead="Give some of your week to a cross-functional project, or post one and find people with the skills it needs." />
      {(viewer.isManager || viewer.isHr) && <ApprovalsCard />}
      <OpenProjectsCard />
      <MyProjectsCard />
      <PostProjectCard />
    </>
  );
}

function ProjectSummary({ p }: { p: ProjectFieldsFragment }) {
  return (
    <>
      <p className="person-meta">
        {p.owner && `Posted by ${p.owner.fullName} · `}
        {p.hoursPerWeek} h/week for {p.durationWeeks} weeks from {p.startDate} · {p.seatsLeft} of {p.seats} seats left
      </p>
      <p>{p.goal}</p>
      {p.neededSkills.length > 0 && (
        <ul className="chips small" aria-label={`Skills for ${p.title}`}>
          {p.neededSkills.map((s) => (
            <li key={s.skillId} className="chip">
              {s.skill?.name ?? 'Skill'} · {PROFICIENCY_LABELS[s.minProficiency]}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function OpenProjectsCard() {
  const viewer = useViewer();
  const { data, loading, error } = useQuery(ProjectsDocument, { variables: { mine: false, status: 'OPEN' }, fetchPolicy: 'cache-and-network' });
  const [request, requesting] = useMutation(RequestToJoinProjectDocument, { refetchQueries: REFETCH });
  const [motivation, setMotivation] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const projects = (data?.projects.edges.map((e) => e.node) ?? []).filter((p) => p.owner?.id !== viewer.id);
  const join = async (p: ProjectFieldsFragment) => {
    setStatus('');
    await request({ variables: { projectId: p.id, motivation: motivation[p.id] ?? '' } });
    setStatus(`Request sent to join ${p.title}.`);
  };
  return (
    <Card title="Open projects">
      {loading && !data && <Loading />}
      <ErrorMessage error={error ?? requesting.error} />
      {data && !projects.length && <EmptyState title="No open projects right now" />}
      <ul className="plain-list" aria-label="Open projects">
        {projects.map((p) => {
          const mine = p.myParticipation;
          const live = mine && ['REQUESTED', 'PENDING_APPROVAL', 'ACTIVE'].includes(mine.status);
          return (
            <li key={p.id} className="item">
              <h3 className="feed-title">{p.title}</h3>
              <ProjectSummary p={p} />
              {mine && <Badge tone={mine.status === 'ACTIVE' ? 'success' : 'accent'}>{PARTICIPATION_LABELS[mine.status]}</Badge>}
              {!live && p.seatsLeft > 0 && (
                <div className="inline-form">
                  <TextField label={`Why you, for ${p.title}`} value={motivation[p.id] ?? ''} onChange={(v) => setMotivation((m) => ({ ...m, [p.id]: v }))} />
                  <button type="button" className="btn btn-secondary" disabled={requesting.loading} onClick={() => void join(p).catch(() => undefined)}>
                    Ask to join<span className="visually-hidden"> {p.title}</span>
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <Status>{status}</Status>
    </Card>
  );
}

function MyProjectsCard() {
  const { data, loading, error } = useQuery(ProjectsDocument, { variables: { mine: true }, fetchPolicy: 'cache-and-network' });
  const [publish, publishing] = useMutation(PublishProjectDocument, { refetchQueries: REFETCH });
  const [status, setStatus] = useState('');
  const projects = data?.projects.edges.map((e) => e.node) ?? [];
  if (data && !projects.length) return null;
  return (
    <Card title="Projects you posted">
      {loading && !data && <Loading />}
      <ErrorMessage error={error ?? publishing.error} />
      <ul className="plain-list" aria-label="Projects you posted">
        {projects.map((p) => (
          <li key={p.id} className="item">
            <h3 className="feed-title">
              {p.title} <Badge tone={p.status === 'OPEN' ? 'success' : 'neutral'}>{p.status === 'DRAFT' ? 'Draft' : p.status.toLowerCase()}</Badge>
            </h3>
            <ProjectSummary p={p} />
            {p.status === 'DRAFT' && (
              <button
                type="button"
                className="btn btn-primary"
                disabled={publishing.loading}
                onClick={() =>
                  void publish({ variables: { id: p.id } })
                    .then(() => setStatus(`${p.title} is published. Colleagues with the skills will hear about it.`))
                    .catch(() => undefined)
                }
              >
                Publish<span className="visually-hidden"> {p.title}</span>
              </button>
            )}
            {p.status !== 'DRAFT' && <Participants project={p} />}
          </li>
        ))}
      </ul>
      <Status>{status}</Status>
    </Card>
  );
}

function Participants({ project }: { project: ProjectFieldsFragment }) {
  const { data, error } = useQuery(ProjectParticipantsDocument, { variables: { projectId: project.id }, fetchPolicy: 'cache-and-network' });
  const [accept, accepting] = useMutation(AcceptProjectRequestDocument, { refetchQueries: REFETCH });
  const [decline, declining] = useMutation(DeclineProjectRequestDocument, { refetchQueries: REFETCH });
  const people = data?.projectParticipants.edges.map((e) => e.node) ?? [];
  return (
    <div>
      <h4>Requests and team</h4>
      <ErrorMessage error={error ?? accepting.error ?? declining.error} />
      {data && !people.length && <p className="empty-inline">Nobody has asked to join yet.</p>}
      <ul className="plain-list" aria-label={`People on ${project.title}`}>
        {people.map((r) => (
          <li key={r.id}>
            <strong>{r.employee?.fullName}</strong> · {PARTICIPATION_LABELS[r.status]}
            {r.motivation && <> — “{r.motivation}”</>}
            {r.status === 'REQUESTED' && (
              <span className="row-actions">
                <button type="button" className="btn btn-primary btn-small" onClick={() => void accept({ variables: { participantId: r.id } }).catch(() => undefined)}>
                  Accept<span className="visually-hidden"> {r.employee?.fullName}</span>
                </button>
                <button type="button" className="btn btn-secondary btn-small" onClick={() => void decline({ variables: { participantId: r.id } }).catch(() => undefined)}>
                  Decline<span className="visually-hidden"> {r.employee?.fullName}</span>
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ApprovalsCard() {
  const { data, error } = useQuery(ProjectApprovalsAwaitingMeDocument, { fetchPolicy: 'cache-and-network' });
  const [approve, approving] = useMutation(ApproveProjectParticipationDocument, { refetchQueries: REFETCH });
  const [refuse, refusing] = useMutation(RefuseProjectParticipationDocument, { refetchQueries: REFETCH });
  const items = data?.projectApprovalsAwaitingMe.edges.map((e) => e.node) ?? [];
  if (!items.length && !error) return null;
  return (
    <Card title="Project time to approve">
      <ErrorMessage error={error ?? approving.error ?? refusing.error} />
      <ul className="plain-list" aria-label="Project time to approve">
        {items.map((r) => (
          <li key={r.id} className="item">
            <strong>{r.employee?.fullName}</strong> on {r.project?.title} · {r.hoursPerWeek} h/week
            <span className="row-actions">
              <button type="button" className="btn btn-primary btn-small" onClick={() => void approve({ variables: { participantId: r.id } }).catch(() => undefined)}>
                Approve<span className="visually-hidden"> {r.employee?.fullName}</span>
              </button>
              <button type="button" className="btn btn-secondary btn-small" onClick={() => void refuse({ variables: { participantId: r.id } }).catch(() => undefined)}>
                Refuse<span className="visually-hidden"> {r.employee?.fullName}</span>
              </button>
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

interface NeededSkill {
  skill: SkillFieldsFragment;
  minProficiency: number;
}

function PostProjectCard() {
  const client = useApolloClient();
  const [create, creating] = useMutation(CreateProjectDocument, { refetchQueries: REFETCH });
  const [title, setTitle] = useState('');
  const [goal, setGoal] = useState('');
  const [hours, setHours] = useState('4');
  const [weeks, setWeeks] = useState('8');
  const [seats, setSeats] = useState('2');
  const [start, setStart] = useState(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
  const [skills, setSkills] = useState<NeededSkill[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus('');
    if (!title.trim() || !goal.trim()) return setProblem('Enter a title and a goal');
    if (!skills.length) return setProblem('Add at least one needed skill');
    setProblem(null);
    await create({
      variables: {
        input: {
          title: title.trim(),
          goal: goal.trim(),
          hoursPerWeek: Number(hours),
          durationWeeks: Number(weeks),
          seats: Number(seats),
          startDate: start,
          neededSkills: skills.map((s) => ({ skillId: s.skill.id, minProficiency: s.minProficiency })),
          departmentIds: [],
        },
      },
    });
    setStatus(`Saved ${title.trim()} as a draft. Publish it from “Projects you posted”.`);
    setTitle('');
    setGoal('');
    setSkills([]);
  };
  return (
    <Card title="Post a project">
      <form onSubmit={(e) => void submit(e).catch(() => undefined)} noValidate>
        <TextField label="Title" required value={title} onChange={setTitle} />
        <TextArea label="Goal" value={goal} onChange={setGoal} rows={3} />
        <div className="grid grid-3">
          <TextField label="Hours per week" type="number" min={1} max={40} value={hours} onChange={setHours} />
          <TextField label="Duration (weeks)" type="number" min={1} value={weeks} onChange={setWeeks} />
          <TextField label="Seats" type="number" min={1} value={seats} onChange={setSeats} />
        </div>
        <TextField label="Start date" type="date" value={start} onChange={setStart} />
        <Combobox<SkillFieldsFragment>
          label="Needed skill"
          placeholder="Search the skills"
          search={async (text) => {
            const { data } = await client.query({ query: SearchSkillsDocument, variables: { search: text, first: 8 }, fetchPolicy: 'network-only' });
            return (data?.skills ?? []).filter((s) => !skills.some((n) => n.skill.id === s.id));
          }}
          getKey={(s) => s.id}
          getLabel={(s) => s.name}
          onSelect={(s) => setSkills((list) => [...list, { skill: s, minProficiency: 2 }])}
        />
        {skills.length > 0 && (
          <ul className="plain-list" aria-label="Needed skills">
            {skills.map((n) => (
              <li key={n.skill.id} className="skill-row">
                <span className="skill-name">{n.skill.name}</span>
                <SelectField
                  label={`Minimum level in ${n.skill.name}`}
                  value={String(n.minProficiency)}
                  onChange={(v) => setSkills((list) => list.map((x) => (x.skill.id === n.skill.id ? { ...x, minProficiency: Number(v) } : x)))}
                >
                  {[1, 2, 3, 4, 5].map((l) => (
                    <option key={l} value={l}>
                      {PROFICIENCY_LABELS[l]}
                    </option>
                  ))}
                </SelectField>
                <button type="button" className="btn btn-ghost btn-small" onClick={() => setSkills((list) => list.filter((x) => x.skill.id !== n.skill.id))}>
                  Remove<span className="visually-hidden"> {n.skill.name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        <ErrorMessage error={creating.error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={creating.loading}>
            Save draft
          </button>
        </div>
        <Status>{status}</Status>
      </form>
    </Card>
  );
}
