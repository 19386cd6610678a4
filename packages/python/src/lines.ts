// Splits a child's output stream into lines for the logger and keeps the last few KiB for errors.
import type { Readable } from 'node:stream';

const KEEP = 8 * 1024;

export class LineForwarder {
  private partial = '';
  private kept = '';

  constructor(stream: Readable | null, onLine: (line: string) => void) {
    stream?.setEncoding('utf8');
    stream?.on('data', (text: string) => {
      this.kept = (this.kept + text).slice(-KEEP);
      const lines = (this.partial + text).split('\n');
      this.partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) onLine(line);
    });
    stream?.on('end', () => {
      if (this.partial.trim()) onLine(this.partial);
      this.partial = '';
    });
  }

  /** The last few KiB the stream produced. */
  recent(): string {
    return this.kept;
  }
}
