// Number formats shared by every section; latency uses the terminal table's 3 decimals.

export const latencyMs = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '-');

/** A position on the time axis: seconds with millisecond precision. */
export const clock = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

export const count = (n: number) => n.toLocaleString('en-US');

export function compactJson(value: unknown, max = 160): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
