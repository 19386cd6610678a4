// Splits a child's output stream into lines for the logger and keeps the last few KiB for errors.
import type { Readable } from 'node:stream';

const KEEP = 8 * 1024;
/** Longer lines are forwarded in pieces: an unbounded partial line costs quadratic time. */
const MAX_LINE = 8 * 1024;
/** '\r' ends a line too: progress bars (tqdm) redraw with it and may never print '\n'. */
const LINE_END = /\r\n|\n|\r/;

export class LineForwarder {
  private partial = '';
  private kept = '';

  constructor(stream: Readable | null, onLine: (line: string) => void) {
    const forward = (line: string) => {
      for (let at = 0; at < line.length; at += MAX_LINE) {
        const piece = line.slice(at, at + MAX_LINE);
        if (piece.trim()) onLine(piece);
      }
    };
    stream?.setEncoding('utf8');
    stream?.on('data', (text: string) => {
      this.kept = (this.kept + text.slice(-KEEP)).slice(-KEEP);
      const lines = (this.partial + text).split(LINE_END);
      this.partial = lines.pop() ?? '';
      for (const line of lines) forward(line);
      // Keep at most one piece's worth waiting for its end.
      if (this.partial.length > MAX_LINE) {
        const whole = this.partial.length - (this.partial.length % MAX_LINE);
        forward(this.partial.slice(0, whole));
        this.partial = this.partial.slice(whole);
      }
    });
    stream?.on('end', () => {
      forward(this.partial);
      this.partial = '';
    });
  }

  /** The last few KiB the stream produced. */
  recent(): string {
    return this.kept;
  }
}
