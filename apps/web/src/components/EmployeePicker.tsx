/** Choose a colleague (a manager, a department leader) by searching the directory. */
import { useApolloClient } from '@apollo/client/react';
import { DirectoryDocument, type EmployeeCardFieldsFragment } from '../generated/graphql';
import { Combobox } from './Combobox';

export interface PickedEmployee {
  id: string;
  fullName: string;
}

export function EmployeePicker({
  label,
  value,
  onChange,
  exclude,
  hint,
}: {
  label: string;
  value: PickedEmployee | null;
  onChange: (value: PickedEmployee | null) => void;
  exclude?: string;
  hint?: string;
}) {
  const client = useApolloClient();
  if (value) {
    return (
      <div className="field">
        <span className="label">{label}</span>
        <p className="selected-filter">
          <strong>{value.fullName}</strong>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => onChange(null)}>
            Change<span className="visually-hidden"> {label.toLowerCase()}</span>
          </button>
        </p>
      </div>
    );
  }
  return (
    <Combobox<EmployeeCardFieldsFragment>
      label={label}
      hint={hint}
      placeholder="Search by name"
      search={async (text) => {
        const { data } = await client.query({ query: DirectoryDocument, variables: { first: 8, filter: { search: text } }, fetchPolicy: 'network-only' });
        return (data?.employees.edges.map((e) => e.node) ?? []).filter((e) => e.id !== exclude);
      }}
      getKey={(e) => e.id}
      getLabel={(e) => e.fullName}
      renderOption={(e) => (
        <>
          <span>{e.fullName}</span>
          <span className="option-meta">{e.title}</span>
        </>
      )}
      onSelect={(e) => onChange({ id: e.id, fullName: e.fullName })}
    />
  );
}
