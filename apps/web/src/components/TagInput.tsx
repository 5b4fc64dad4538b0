/** A list of short texts (passions, target roles, languages): type and press Enter or Add. */
import { useId, useState, type ReactNode } from 'react';

export function TagInput({
  label,
  hint,
  values,
  onChange,
  max,
  maxLength,
  validate,
  placeholder,
}: {
  label: string;
  hint?: ReactNode;
  values: string[];
  onChange: (values: string[]) => void;
  max?: number;
  maxLength?: number;
  validate?: (value: string) => string | null;
  placeholder?: string;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const full = max !== undefined && values.length >= max;

  function add() {
    const value = text.trim();
    if (!value) return;
    if (values.some((v) => v.toLowerCase() === value.toLowerCase())) {
      setError(`“${value}” is already in the list`);
      return;
    }
    const problem = validate?.(value) ?? null;
    if (problem) {
      setError(problem);
      return;
    }
    onChange([...values, value]);
    setText('');
    setError(null);
  }

  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field tag-input">
      <label htmlFor={id}>{label}</label>
      {values.length > 0 && (
        <ul className="tags" aria-label={label}>
          {values.map((v) => (
            <li key={v} className="tag">
              <span>{v}</span>
              <button type="button" className="tag-remove" aria-label={`Remove ${v}`} onClick={() => onChange(values.filter((x) => x !== v))}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="inline-input">
        <input
          id={id}
          type="text"
          value={text}
          maxLength={maxLength}
          disabled={full}
          placeholder={full ? `At most ${max}` : placeholder}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="btn btn-secondary" onClick={add} disabled={full || !text.trim()}>
          Add<span className="visually-hidden"> to {label.toLowerCase()}</span>
        </button>
      </div>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
