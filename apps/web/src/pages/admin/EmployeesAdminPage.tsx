/** HR / org admin: every employee (inactive ones too, on request), search, and the way to add one. */
import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { Badge, Checkbox, EmptyState, ErrorMessage, Loading, PageHeader, TextField } from '../../components/ui';
import { AdminEmployeesDocument } from '../../generated/graphql';
import { plural } from '../../lib/format';
import { Link } from '../../router';

const PAGE = 25;

export function EmployeesAdminPage() {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  useEffect(() => {
    const t = window.setTimeout(() => setSearch(text.trim()), 250);
    return () => window.clearTimeout(t);
  }, [text]);
  const { data, loading, error, fetchMore } = useQuery(AdminEmployeesDocument, {
    variables: { first: PAGE, filter: { ...(search ? { search } : {}), includeInactive } },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const rows = data?.employees.edges.map((e) => e.node) ?? [];
  return (
    <>
      <PageHeader
        title="Employees"
        lead="Add people, correct their records, set roles and reporting lines."
        actions={
          <Link to="/org/employees/new" className="btn btn-primary">
            New employee
          </Link>
        }
      />
      <div className="filters filter-row" role="search" aria-label="Employee search">
        <TextField label="Search" type="search" value={text} onChange={setText} placeholder="Name, title, department or skill" />
        <Checkbox label="Include deactivated employees" checked={includeInactive} onChange={setIncludeInactive} />
      </div>
      <p role="status" aria-live="polite" className="result-count">
        {data ? plural(data.employees.totalCount, 'employee') : ''}
      </p>
      <ErrorMessage error={error} />
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Employees</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Title</th>
                <th scope="col">Department</th>
                <th scope="col">Manager</th>
                <th scope="col">Roles</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <Link to={`/org/employees/${e.id}`}>{e.fullName}</Link>
                    <div className="hint">{e.email}</div>
                  </th>
                  <td>
                    {e.title} <span className="hint">L{e.level}</span>
                  </td>
                  <td>{e.department?.name ?? '—'}</td>
                  <td>{e.manager?.fullName ?? '—'}</td>
                  <td>
                    {e.roles
                      .filter((r) => r !== 'EMPLOYEE')
                      .map((r) => (
                        <Badge key={r} tone="accent">
                          {r === 'HR_ADMIN' ? 'HR admin' : 'Org admin'}
                        </Badge>
                      ))}
                  </td>
                  <td>{e.active ? 'Active' : <Badge tone="warning">Deactivated</Badge>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        data && !loading && <EmptyState title="No employees match" />
      )}
      {loading && <Loading />}
      {data?.employees.pageInfo.hasNextPage && !loading && (
        <button type="button" className="btn btn-secondary" onClick={() => void fetchMore({ variables: { after: data.employees.pageInfo.endCursor } })}>
          Show more
        </button>
      )}
    </>
  );
}
