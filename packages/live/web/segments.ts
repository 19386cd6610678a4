// The speech segments the pipeline reported, from its `speechStart` / `speechEnd` events.

export interface Segment {
  startMs: number;
  /** Undefined while the speaker is still talking. */
  endMs: number | undefined;
}

export interface SegmentEvent {
  type: string;
  startMs: number;
  endMs?: number;
}

export class Segments {
  readonly list: Segment[] = [];

  /** Applies one VAD event; true when the list changed. */
  apply(event: SegmentEvent): boolean {
    if (event.type === 'speechStart') {
      this.list.push({ startMs: event.startMs, endMs: undefined });
      return true;
    }
    if (event.type === 'speechEnd') {
      const open = this.list.at(-1);
      if (open !== undefined && open.endMs === undefined) open.endMs = event.endMs;
      else this.list.push({ startMs: event.startMs, endMs: event.endMs });
      return true;
    }
    return false;
  }

  /** Whether `ms` falls in speech (an open segment lasts until `nowMs`). */
  isSpeech(ms: number, nowMs: number): boolean {
    return this.list.some((s) => ms >= s.startMs && ms < (s.endMs ?? nowMs));
  }
}
