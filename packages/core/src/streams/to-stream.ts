// One-call conversions of a pipeline's output for Node and Web stream users.
import { Readable } from 'node:stream';
import { ReadableStream } from 'node:stream/web';

/** A Node object-mode Readable over `source` (pull-driven: backpressure reaches the pipeline). */
export function toNodeReadable<T>(source: AsyncIterable<T>): Readable {
  return Readable.from(source, { objectMode: true });
}

/** A Web ReadableStream over `source`; cancelling it stops the pipeline stream. */
export function toWebReadable<T>(source: AsyncIterable<T>): ReadableStream<T> {
  return ReadableStream.from(source);
}
