/**
 * Small accessible SVG charts (no chart library): each is a <figure> whose SVG has role="img"
 * with a <title> and <desc> (the figures in words), followed by the same data as a table in a
 * disclosure. The SVGs scale with their container (viewBox, width 100%).
 */
import { useId, type ReactNode } from 'react';

export interface Datum {
  label: string;
  value: number;
  /** Shown instead of the value (e.g. "3 of 4"). */
  display?: string;
}

function DataTable({ caption, rows, valueHeader }: { caption: string; rows: Datum[]; valueHeader: string }) {
  return (
    <details className="chart-data">
      <summary>
        Show the data<span className="visually-hidden">: {caption}</span>
      </summary>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">{valueHeader}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td>{r.display ?? r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function describe(rows: Datum[]): string {
  return rows.map((r) => `${r.label}: ${r.display ?? r.value}`).join('; ');
}

/** Horizontal bars, one per row (labels above the bars, so long names never squeeze them). */
export function BarChart({ title, rows, valueHeader = 'Value', empty, note }: { title: string; rows: Datum[]; valueHeader?: string; empty?: string; note?: ReactNode }) {
  const id = useId();
  const max = Math.max(1, ...rows.map((r) => r.value));
  const rowH = 44;
  const height = Math.max(rowH, rows.length * rowH);
  return (
    <figure className="chart">
      <figcaption className="chart-title">{title}</figcaption>
      {rows.length === 0 ? (
        <p className="empty-inline">{empty ?? 'Nothing in this period.'}</p>
      ) : (
        <svg viewBox={`0 0 400 ${height}`} width="100%" role="img" aria-labelledby={`${id}-t ${id}-d`} preserveAspectRatio="xMinYMin meet">
          <title id={`${id}-t`}>{title}</title>
          <desc id={`${id}-d`}>{describe(rows)}</desc>
          {rows.map((r, i) => {
            const y = i * rowH;
            const w = Math.max(r.value > 0 ? 2 : 0, (r.value / max) * 330);
            return (
              <g key={r.label}>
                <text x="0" y={y + 14} className="chart-label">
                  {r.label}
                </text>
                <rect x="0" y={y + 20} width="330" height="14" rx="3" className="chart-track" />
                <rect x="0" y={y + 20} width={w} height="14" rx="3" className="chart-bar" />
                <text x={Math.min(w + 6, 336)} y={y + 32} className="chart-value">
                  {r.display ?? r.value}
                </text>
              </g>
            );
          })}
        </svg>
      )}
      {note && <p className="hint">{note}</p>}
      {rows.length > 0 && <DataTable caption={title} rows={rows} valueHeader={valueHeader} />}
    </figure>
  );
}

/** Vertical columns over time (e.g. per month). */
export function ColumnChart({ title, rows, valueHeader = 'Value' }: { title: string; rows: Datum[]; valueHeader?: string }) {
  const id = useId();
  const max = Math.max(1, ...rows.map((r) => r.value));
  const width = 400;
  const chartH = 120;
  const slot = rows.length ? width / rows.length : width;
  const barW = Math.min(36, slot * 0.7);
  const labelEvery = Math.ceil(rows.length / 12);
  return (
    <figure className="chart">
      <figcaption className="chart-title">{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${chartH + 40}`} width="100%" role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{describe(rows)}</desc>
        <line x1="0" x2={width} y1={chartH + 16} y2={chartH + 16} className="chart-axis" />
        {rows.map((r, i) => {
          const h = (r.value / max) * chartH;
          const x = i * slot + (slot - barW) / 2;
          return (
            <g key={r.label}>
              <rect x={x} y={chartH + 16 - h} width={barW} height={h} rx="2" className="chart-bar" />
              {r.value > 0 && (
                <text x={x + barW / 2} y={chartH + 12 - h} textAnchor="middle" className="chart-value">
                  {r.value}
                </text>
              )}
              {i % labelEvery === 0 && (
                <text x={x + barW / 2} y={chartH + 34} textAnchor="middle" className="chart-label chart-small">
                  {r.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <DataTable caption={title} rows={rows} valueHeader={valueHeader} />
    </figure>
  );
}

/** A part of a whole, as a filled bar with the ratio in words. */
export function RatioBar({ title, part, whole, partLabel, restLabel }: { title: string; part: number; whole: number; partLabel: string; restLabel: string }) {
  const id = useId();
  const ratio = whole > 0 ? part / whole : 0;
  const pct = whole > 0 ? `${Math.round(ratio * 100)}%` : '—';
  const words = whole > 0 ? `${pct}: ${part} of ${whole} ${partLabel}` : 'No data in this period';
  return (
    <figure className="chart">
      <figcaption className="chart-title">{title}</figcaption>
      <p className="chart-big" aria-hidden="true">
        {pct}
      </p>
      <svg viewBox="0 0 400 28" width="100%" role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{words}</desc>
        <rect x="0" y="4" width="400" height="20" rx="4" className="chart-track" />
        <rect x="0" y="4" width={ratio * 400} height="20" rx="4" className="chart-bar" />
      </svg>
      <p className="hint">{words}</p>
      <DataTable
        caption={title}
        valueHeader="People or items"
        rows={[
          { label: partLabel, value: part },
          { label: restLabel, value: Math.max(0, whole - part) },
        ]}
      />
    </figure>
  );
}
