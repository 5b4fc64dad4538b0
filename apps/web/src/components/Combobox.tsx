/**
 * An accessible autocomplete (WAI-ARIA 1.2 combobox with a listbox popup): type to search,
 * Arrow keys to move, Enter to choose, Escape to close. Options come from `search(text)`,
 * debounced; `extraOption` adds a last choice such as "Propose “Kotlin”".
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface ComboboxProps<T> {
  label: string;
  hint?: ReactNode;
  placeholder?: string;
  search: (text: string) => Promise<T[]>;
  getKey: (option: T) => string;
  getLabel: (option: T) => string;
  renderOption?: (option: T) => ReactNode;
  onSelect: (option: T) => void;
  /** A final option built from the typed text (or null for none). */
  extraOption?: (text: string, options: T[]) => { label: string; onSelect: (text: string) => void } | null;
  /** Search even with an empty text (shows the first options on focus). */
  searchEmpty?: boolean;
  clearOnSelect?: boolean;
  initialText?: string;
  disabled?: boolean;
  minChars?: number;
}

export function Combobox<T>({
  label,
  hint,
  placeholder,
  search,
  getKey,
  getLabel,
  renderOption,
  onSelect,
  extraOption,
  searchEmpty = false,
  clearOnSelect = true,
  initialText = '',
  disabled,
  minChars = 1,
}: ComboboxProps<T>) {
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState(initialText);
  const [options, setOptions] = useState<T[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const seq = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => setText(initialText), [initialText]);

  const trimmed = text.trim();
  const extra = open && trimmed ? (extraOption?.(trimmed, options) ?? null) : null;
  const count = options.length + (extra ? 1 : 0);

  function runSearch(value: string) {
    const q = value.trim();
    const mine = ++seq.current;
    if (q.length < minChars && !searchEmpty) {
      setOptions([]);
      setBusy(false);
      return;
    }
    setBusy(true);
    window.setTimeout(async () => {
      if (mine !== seq.current) return;
      try {
        const found = await search(q);
        if (mine !== seq.current) return;
        setOptions(found);
        setFailed(false);
        setActive(found.length ? 0 : -1);
      } catch {
        if (mine === seq.current) {
          setOptions([]);
          setFailed(true);
        }
      } finally {
        if (mine === seq.current) setBusy(false);
      }
    }, 150);
  }

  function choose(index: number) {
    if (index < options.length) {
      const option = options[index];
      onSelect(option);
      setText(clearOnSelect ? '' : getLabel(option));
    } else if (extra) {
      extra.onSelect(trimmed);
      if (clearOnSelect) setText('');
    }
    seq.current++;
    setOpen(false);
    setOptions([]);
    setActive(-1);
    inputRef.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        runSearch(text);
      } else if (count) setActive((a) => (a + 1) % count);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (open && count) setActive((a) => (a <= 0 ? count - 1 : a - 1));
    } else if (e.key === 'Enter') {
      if (open && active >= 0 && active < count) {
        e.preventDefault();
        choose(active);
      } else if (open && extra && !options.length) {
        e.preventDefault();
        choose(options.length);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        setOpen(false);
      } else setText('');
    }
  }

  const expanded = open && (count > 0 || busy || failed || trimmed.length >= minChars);
  const optionId = (i: number) => `${id}-opt-${i}`;

  return (
    <div className="field combobox">
      <label htmlFor={id}>{label}</label>
      <div className="combobox-wrap">
        <input
          ref={inputRef}
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          aria-describedby={hint ? `${id}-hint` : undefined}
          placeholder={placeholder}
          value={text}
          disabled={disabled}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            runSearch(e.target.value);
          }}
          onFocus={() => {
            if (searchEmpty && !open) {
              setOpen(true);
              runSearch(text);
            }
          }}
          onBlur={() => window.setTimeout(() => setOpen(false), 120)}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" aria-label={label} className="combobox-list" hidden={!expanded}>
          {options.map((o, i) => (
            <li
              key={getKey(o)}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(i)}
            >
              {renderOption ? renderOption(o) : getLabel(o)}
            </li>
          ))}
          {extra && (
            <li
              id={optionId(options.length)}
              role="option"
              aria-selected={active === options.length}
              className={`extra ${active === options.length ? 'active' : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(options.length)}
            >
              {extra.label}
            </li>
          )}
          {!count && !busy && (
            <li className="combobox-empty" role="presentation">
              {failed ? 'Search failed. Try again.' : 'No matches'}
            </li>
          )}
        </ul>
      </div>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <span className="visually-hidden" role="status" aria-live="polite">
        {open && !busy && trimmed ? `${options.length} suggestion${options.length === 1 ? '' : 's'}` : ''}
      </span>
    </div>
  );
}
