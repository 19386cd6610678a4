// What a server runs: the registry nodes come from, the manifests clients may name, and who hears
// the outputs on the server side.
import type { AnyNodeRegistry, Manifest } from '@remotemedia/core';

/** One JSON value a session's pipeline produced (what `output` messages carry). */
export interface LiveOutput {
  node: string;
  port: string;
  value: unknown;
}

/** The session an output came from. */
export interface SessionInfo {
  readonly id: number;
  readonly endpoint: 'ws' | 'twilio';
  readonly pipeline: string | undefined;
}

export type OutputListener = (session: SessionInfo, output: LiveOutput) => void;

export interface Served {
  registry: AnyNodeRegistry;
  pipelines: ReadonlyMap<string, Manifest>;
  onOutput?: OutputListener | undefined;
}
