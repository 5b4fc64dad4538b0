/**
 * HR and org admins: mobility analytics over a period (aggregates only, see libs/analytics):
 * internal fill rate, time to fill, hires per month, mobility flows between departments,
 * mentoring coverage, committee participation, release agreements (overdue by age).
 */
import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { BarChart, ColumnChart, RatioBar } from '../../components/Charts';
import { Card, ErrorMessage, Loading, PageHeader, Status, TextField } from '../../components/ui';
import { HrAnalyticsDocument } from '../../generated/lazy';

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const daysText = (d: number | null | undefined) => (d === null || d === undefined ? '—' : `${d} days`);
const monthLabel = (m: string) => new Date(`${m}-01T00:00:00Z`).toLocaleDateString('en', { month: 'short', year: '2-digit', timeZone: 'UTC' });

function Kpi({ label, value }: { label: string; value: string | number }) {
  return (
    <li className="kpi">
      <span className="kpi-value">{value}</span>
      <span className="kpi-label">{label}</span>
    </li>
  );
}

export function AnalyticsPage() {
  const [draft, setDraft] = useState(() => ({ from: isoDay(new Date(Date.now() - 365 * DAY)), to: isoDay(new Date()) }));
  const [period, setPeriod] = useState(draft);
  const [problem, setProblem] = useState<string | null>(null);
  // The period's last day is included: the window ends at the start of the next day (UTC).
  const variables = { from: `${period.from}T00:00:00.000Z`, to: new Date(Date.parse(`${period.to}T00:00:00.000Z`) + DAY).toISOString() };
  const { data, loading, error } = useQuery(HrAnalyticsDocument, { variables, fetchPolicy: 'cache-and-network' });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.from || !draft.to || draft.from > draft.to) return setProblem('Choose a start date on or before the end date.');
    setProblem(null);
    setPeriod(draft);
  };
  const a = data?.hrAnalytics;
  return (
    <>
      <PageHeader title="Analytics" lead="Internal mobility in your organization: totals only, never individuals." />
      <form className="filters" onSubmit={apply} noValidate aria-label="Period">
        <div className="grid grid-3">
          <TextField label="From" type="date" value={draft.from} onChange={(from) => setDraft((d) => ({ ...d, from }))} />
          <TextField label="To" type="date" value={draft.to} onChange={(to) => setDraft((d) => ({ ...d, to }))} />
          <div className="field">
            <span className="label" aria-hidden="true">
              &nbsp;
            </span>
            <button type="submit" className="btn btn-primary">
              Show period
            </button>
          </div>
        </div>
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
      </form>
      <ErrorMessage error={error} />
      {loading && !a && <Loading label="Computing the figures…" />}
      <Status>{a ? `Figures from ${period.from} to ${period.to}.` : ''}</Status>
      {a && (
        <div className="grid grid-2">
          <Card title="Internal openings">
            <ul className="kpis" aria-label="Openings in figures">
              <Kpi label="Internal hires" value={a.openings.hires} />
              <Kpi label="Openings closed" value={a.openings.openingsClosed} />
              <Kpi label="Median time to fill" value={daysText(a.openings.timeToFillMedianDays)} />
              <Kpi label="Average time to fill" value={daysText(a.openings.timeToFillAverageDays)} />
            </ul>
            <RatioBar
              title="Internal fill rate"
              part={a.openings.positionsFilled}
              whole={a.openings.positionsOffered}
              partLabel="positions filled internally"
              restLabel="positions not filled"
            />
            <ColumnChart title="Internal hires per month" valueHeader="Hires" rows={a.openings.hiresByMonth.map((m) => ({ label: monthLabel(m.month), value: m.count }))} />
          </Card>
          <Card title="Mobility between departments">
            <BarChart
              title="Moves between departments"
              valueHeader="Moves"
              rows={a.mobility.flows.map((f) => ({ label: `${f.fromDepartmentName} → ${f.toDepartmentName}`, value: f.moves }))}
              empty={`No department pair with ${a.minimumGroupSize} moves or more in this period.`}
              note={
                <>
                  {a.mobility.withinDepartment} {a.mobility.withinDepartment === 1 ? 'move' : 'moves'} within a department.{' '}
                  {a.mobility.suppressedMoves > 0 &&
                    `${a.mobility.suppressedMoves} more between departments with fewer than ${a.minimumGroupSize} moves each, not shown so that no one can be singled out.`}
                </>
              }
            />
          </Card>
          <Card title="Mentoring">
            <RatioBar
              title="Mentoring coverage"
              part={a.mentoring.menteesMentored}
              whole={a.mentoring.menteesSeeking}
              partLabel="people looking for a mentor who have one"
              restLabel="still looking"
            />
            <ul className="kpis" aria-label="Mentoring in figures">
              <Kpi label="Mentors available" value={a.mentoring.mentorsAvailable} />
              <Kpi label="Active mentorships" value={a.mentoring.mentorshipsActive} />
              <Kpi label="Started in the period" value={a.mentoring.mentorshipsStarted} />
            </ul>
          </Card>
          <Card title="Committees">
            <RatioBar
              title="Committee participation"
              part={a.committees.members}
              whole={a.committees.activeEmployees}
              partLabel="employees on a committee"
              restLabel="employees not on a committee"
            />
            <BarChart
              title="Seats held per committee"
              valueHeader="Seats held"
              rows={a.committees.committees.map((c) => ({ label: c.name, value: c.seatsFilled, display: `${c.seatsFilled} of ${c.seats}` }))}
              empty="No active committee."
              note={`${a.committees.applicationsReceived} applications in the period.`}
            />
          </Card>
          <Card title="Release after internal hires">
            <ul className="kpis" aria-label="Releases in figures">
              <Kpi label="Overdue now" value={a.releases.overdue} />
              <Kpi label="Agreed in the period" value={a.releases.agreed} />
              <Kpi label="Average days to agree" value={daysText(a.releases.averageDaysToAgree)} />
              <Kpi label="Agreed after the deadline" value={a.releases.agreedLate} />
            </ul>
            <BarChart
              title="Releases awaiting the manager, by delay"
              valueHeader="Releases"
              rows={[
                { label: 'Within the deadline', value: a.releases.pendingOnTime },
                { label: 'Overdue by up to 7 days', value: a.releases.overdueUpTo7Days },
                { label: 'Overdue by 8 to 30 days', value: a.releases.overdue8To30Days },
                { label: 'Overdue by more than 30 days', value: a.releases.overdueOver30Days },
              ]}
            />
          </Card>
        </div>
      )}
    </>
  );
}
