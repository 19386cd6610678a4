// What a run did, as one object: written by --json and drawn by --report.
import type { PipelineMetrics } from '@remotemedia/core';

export interface RunResults {
  manifest: string;
  input: {
    file: string;
    sampleRate: number;
    channels: number;
    /** The WAV's sample encoding, e.g. 's16'. */
    format: string;
    durationMs: number;
  };
  frameMs: number;
  /** Input frames handed to the pipeline. */
  framesFed: number;
  processedMs: number;
  /** Wall-clock time of the run, from the pipeline's creation to its end. */
  wallMs: number;
  interrupted: boolean;
  error?: string | undefined;
  /** sink id -> port -> values (json ports), duration (audio ports) or byte count (bytes ports). */
  outputs: Record<string, Record<string, unknown>>;
  metrics: PipelineMetrics;
}
