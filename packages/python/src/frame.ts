// Wire format (python/PROTOCOL.md): u32 BE header length, u32 BE payload length, msgpack header,
// payload. Sample bytes travel as the payload, never encoded.
import { Packr } from 'msgpackr';

export const PROTOCOL_VERSION = 1;
const PREFIX = 8;
const MAX_HEADER = 1 << 20;
const MAX_PAYLOAD = 1 << 30;

// Plain msgpack (no msgpackr records extension) so Python's msgpack reads it.
const packr = new Packr({ useRecords: false, moreTypes: false });

export type Header = Record<string, unknown>;

export interface Frame {
  header: Header;
  payload: Buffer;
}

/** The stream is not a valid frame sequence; the connection cannot be trusted any more. */
export class ProtocolError extends Error {}

/** A value that cannot be sent in one frame: too large, or not encodable (e.g. a cycle). */
export class FrameEncodeError extends Error {}

/** The buffers of one frame; segments are sent as they are (no copy). */
export function encodeFrame(header: Header, segments: readonly Uint8Array[]): Uint8Array[] {
  let head: Buffer;
  try {
    head = packr.pack(header);
  } catch (error) {
    throw new FrameEncodeError(`cannot encode it as msgpack: ${(error as Error).message}`);
  }
  let payload = 0;
  for (const s of segments) payload += s.byteLength;
  // The reader treats an oversized prefix as a broken stream, so it must never be sent.
  if (head.length > MAX_HEADER) {
    throw new FrameEncodeError(
      `its frame header is ${head.length} bytes, over the 1 MiB limit; send large data as bytes or audio, not as a JSON value`,
    );
  }
  if (payload > MAX_PAYLOAD) {
    throw new FrameEncodeError(`its payload is ${payload} bytes, over the 1 GiB limit of a call`);
  }
  const first = Buffer.allocUnsafe(PREFIX + head.length);
  first.writeUInt32BE(head.length, 0);
  first.writeUInt32BE(payload, 4);
  head.copy(first, PREFIX);
  return [first, ...segments];
}

/** Incremental parser: feed socket chunks, get whole frames. */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): Frame[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Frame[] = [];
    while (this.buffered >= PREFIX) {
      const prefix = this.peek(PREFIX);
      const headLength = prefix.readUInt32BE(0);
      const payloadLength = prefix.readUInt32BE(4);
      if (headLength === 0 || headLength > MAX_HEADER || payloadLength > MAX_PAYLOAD) {
        throw new ProtocolError(
          `bad frame prefix: header ${headLength} bytes, payload ${payloadLength} bytes`,
        );
      }
      if (this.buffered < PREFIX + headLength + payloadLength) break;
      this.take(PREFIX);
      const head = this.take(headLength);
      const payload = this.take(payloadLength);
      let header: unknown;
      try {
        header = packr.unpack(head);
      } catch (error) {
        throw new ProtocolError(`frame header is not msgpack: ${(error as Error).message}`);
      }
      if (typeof header !== 'object' || header === null || Array.isArray(header)) {
        throw new ProtocolError('frame header is not a map');
      }
      frames.push({ header: header as Header, payload });
    }
    return frames;
  }

  private peek(n: number): Buffer {
    const first = this.chunks[0] as Buffer;
    return first.length >= n ? first : Buffer.concat(this.chunks, n);
  }

  /** The next n bytes; a view when they sit in one chunk, else one copy. */
  private take(n: number): Buffer {
    this.buffered -= n;
    const first = this.chunks[0];
    if (n === 0) return Buffer.alloc(0);
    if (first !== undefined && first.length >= n) {
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.chunks[0] as Buffer;
      const used = Math.min(chunk.length, n - filled);
      chunk.copy(out, filled, 0, used);
      filled += used;
      if (used === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(used);
    }
    return out;
  }
}
