/** Small building blocks: labelled fields, messages, loading states, avatars, page headings. */
import { useEffect, useId, useRef, type ReactNode, type InputHTMLAttributes, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { describeError, initials, PROFICIENCY_LABELS } from '../lib/format';
import { takeNavigationFocus } from '../router';

export function PageHeader({ title, lead, actions }: { title: string; lead?: ReactNode; actions?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Waypoint`;
    // After a client-side page change, move focus to the new page's heading, so keyboard and
    // screen-reader users land on it (on a first load, focus stays at the top: skip link first).
    if (takeNavigationFocus()) ref.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <div className="page-header">
      <div>
        <h1 ref={ref} tabIndex={-1}>
          {title}
        </h1>
        {lead && <p className="lead">{lead}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      {title && <strong>{title} </strong>}
      {describeError(error)}
    </div>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'success' | 'warning'; children: ReactNode }) {
  return <div className={`alert alert-${kind}`}>{children}</div>;
}

/** A polite live region: what changed after an action ("Saved", "3 results"). */
export function Status({ children, className }: { children?: ReactNode; className?: string }) {
  return (
    <p role="status" aria-live="polite" className={className ?? 'status'}>
      {children}
    </p>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> & {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  onChange: (value: string) => void;
};

export function TextField({ label, hint, error, onChange, className, ...input }: TextFieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>
        {label}
        {input.required && <span className="required" aria-hidden="true"> *</span>}
      </label>
      <input id={id} aria-describedby={describedBy} aria-invalid={error ? true : undefined} onChange={(e) => onChange(e.target.value)} {...input} />
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange'> & {
  label: string;
  hint?: ReactNode;
  onChange: (value: string) => void;
};

export function TextArea({ label, hint, onChange, className, ...area }: TextAreaProps) {
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(e) => onChange(e.target.value)} {...area} />
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange'> & {
  label: string;
  hint?: ReactNode;
  onChange: (value: string) => void;
  children: ReactNode;
};

export function SelectField({ label, hint, onChange, className, children, ...select }: SelectFieldProps) {
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(e) => onChange(e.target.value)} {...select}>
        {children}
      </select>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

export function Checkbox({
  label,
  checked,
  onChange,
  hint,
  disabled,
}: {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="checkbox">
      <input id={id} type="checkbox" checked={checked} disabled={disabled} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

export function Avatar({ name, size = 'md' }: { name: string; size?: 'sm' | 'md' | 'lg' }) {
  // A stable hue per name; the text colour keeps contrast on every hue (dark text on light tint).
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return (
    <span className={`avatar avatar-${size}`} style={{ ['--hue' as string]: String(hash % 360) }} aria-hidden="true">
      {initials(name)}
    </span>
  );
}

export function Proficiency({ level }: { level: number }) {
  return (
    <span className="proficiency" title={PROFICIENCY_LABELS[level]}>
      <span className="dots" aria-hidden="true">
        {[1, 2, 3, 4, 5].map((i) => (
          <span key={i} className={i <= level ? 'dot on' : 'dot'} />
        ))}
      </span>
      <span className="visually-hidden">
        level {level} of 5, {PROFICIENCY_LABELS[level]}
      </span>
    </span>
  );
}

export function Badge({ children, tone = 'neutral' }: { children: ReactNode; tone?: 'neutral' | 'accent' | 'warning' | 'success' }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}

export function Card({
  title,
  children,
  actions,
  headingLevel = 2,
  className,
  id,
}: {
  title?: ReactNode;
  children: ReactNode;
  actions?: ReactNode;
  headingLevel?: 2 | 3;
  className?: string;
  id?: string;
}) {
  const headingId = useId();
  const sectionId = id;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section id={sectionId} className={`card ${className ?? ''}`} aria-labelledby={title ? headingId : undefined}>
      {(title || actions) && (
        <div className="card-header">
          {title && <H id={headingId}>{title}</H>}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}
