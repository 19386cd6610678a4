// The data a report page draws, embedded in report.html as JSON. Shared by the writer (Node) and
// the page (browser), so both sides agree on one shape.
import type { RunResults } from '../results.js';

export interface Waveform {
  /** Milliseconds of input per column. */
  columnMs: number;
  /** Per column, the lowest and highest sample over all channels, in [-1, 1]. */
  min: number[];
  max: number[];
}

export interface ReportData {
  results: RunResults;
  waveform: Waveform;
  /**
   * sink id -> port -> for each value of a json port, the input position (ms fed) when it came
   * out: where a value without times of its own sits on the time axis.
   */
  arrivals: Record<string, Record<string, number[]>>;
  /** sink id -> json port -> how many values the run produced (the report keeps the first ones). */
  valueCounts: Record<string, Record<string, number>>;
}
