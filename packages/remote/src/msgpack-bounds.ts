// Walks a msgpack message without building anything, so a message from any NATS client is
// refused for its size, nesting or claimed lengths before the decoder allocates for it.
import { invalidInput } from '@remotemedia/errors';

/** What one wire message may hold; SECURITY.md states the same numbers. */
export const WIRE_LIMITS = {
  /** NATS itself caps a payload at 64 MiB. */
  messageBytes: 64 * 1024 * 1024,
  /** Arrays and maps inside arrays and maps. */
  depth: 64,
  /** Elements of one array, or entries of one map. */
  items: 1 << 20,
} as const;

/** The header size and, for containers, the child count of the value starting with `lead`. */
interface Head {
  /** Bytes of the type byte and its length/value fields, before any body. */
  size: number;
  /** How many bytes the length field holds (0 when the length is in `lead` or fixed). */
  lengthBytes: number;
  /** Fixed body size when `lengthBytes` is 0. */
  body: number;
  /** Children per counted unit: 1 for arrays, 2 for maps (key and value), 0 for scalars. */
  children: 0 | 1 | 2;
}

function head(lead: number): Head | undefined {
  const scalar = (size: number, body = 0): Head => ({ size, lengthBytes: 0, body, children: 0 });
  const sized = (lengthBytes: number, children: 0 | 1 | 2 = 0, extra = 0): Head => ({
    size: 1 + lengthBytes + extra,
    lengthBytes,
    body: 0,
    children,
  });
  if (lead <= 0x7f || lead >= 0xe0) return scalar(1);
  if (lead <= 0x8f) return { size: 1, lengthBytes: 0, body: 0, children: 2 };
  if (lead <= 0x9f) return { size: 1, lengthBytes: 0, body: 0, children: 1 };
  if (lead <= 0xbf) return scalar(1, lead & 0x1f);
  // 0xc0..0xdf: each family's length field (or fixed body) doubles from one lead byte to the next.
  const step = (first: number) => 1 << (lead - first);
  if (lead === 0xc0 || lead === 0xc2 || lead === 0xc3) return scalar(1); // nil, false, true
  if (lead >= 0xc4 && lead <= 0xc6) return sized(step(0xc4)); // bin 8, 16, 32
  if (lead >= 0xc7 && lead <= 0xc9) return sized(step(0xc7), 0, 1); // ext 8, 16, 32: + type
  if (lead === 0xca || lead === 0xcb) return scalar(1, 4 * step(0xca)); // float 32, 64
  if (lead >= 0xcc && lead <= 0xd3) return scalar(1, 1 << ((lead - 0xcc) % 4)); // (u)int 8..64
  if (lead >= 0xd4 && lead <= 0xd8) return scalar(2, step(0xd4)); // fixext 1..16: type + body
  if (lead >= 0xd9 && lead <= 0xdb) return sized(step(0xd9)); // str 8, 16, 32
  if (lead === 0xdc || lead === 0xdd) return sized(2 * step(0xdc), 1); // array 16, 32
  if (lead === 0xde || lead === 0xdf) return sized(2 * step(0xde), 2); // map 16, 32
  return undefined; // 0xc1 is never used
}

function readLength(bytes: Uint8Array, at: number, lengthBytes: number): number {
  let n = 0;
  for (let i = 0; i < lengthBytes; i++) n = n * 256 + (bytes[at + i] as number);
  return n;
}

/**
 * Throws ERR_INVALID_INPUT unless `bytes` is exactly one msgpack value within WIRE_LIMITS whose
 * every claimed length fits in the bytes that follow it.
 */
export function checkWireMessage(bytes: Uint8Array): void {
  if (bytes.byteLength > WIRE_LIMITS.messageBytes) {
    throw invalidInput(
      `invalid message: ${bytes.byteLength} bytes, over the ${WIRE_LIMITS.messageBytes}-byte limit`,
    );
  }
  const end = bytes.byteLength;
  // Values still to read at each open level; the bottom entry is the message itself.
  const open: number[] = [1];
  let at = 0;
  while (open.length > 0) {
    const top = open.length - 1;
    if (open[top] === 0) {
      open.pop();
      continue;
    }
    open[top] = (open[top] as number) - 1;
    if (at >= end) throw invalidInput(`invalid message: it ends inside a value at byte ${at}`);
    const lead = bytes[at] as number;
    const h = head(lead);
    if (h === undefined) {
      throw invalidInput(`invalid message: byte ${at} (0x${lead.toString(16)}) starts no value`);
    }
    if (at + h.size > end) throw invalidInput(`invalid message: it ends inside a value at ${at}`);
    const counted = h.lengthBytes === 0 ? lead & 0x0f : readLength(bytes, at + 1, h.lengthBytes);
    at += h.size;
    if (h.children === 0) {
      const body = h.lengthBytes === 0 ? h.body : counted;
      if (body > end - at) {
        throw invalidInput(
          `invalid message: a value at byte ${at - h.size} claims ${body} bytes, ${end - at} remain`,
        );
      }
      at += body;
      continue;
    }
    if (counted > WIRE_LIMITS.items) {
      throw invalidInput(
        `invalid message: a container claims ${counted} items, over the ${WIRE_LIMITS.items} limit`,
      );
    }
    // Every child takes at least one byte, so a count beyond the rest is a lie.
    if (counted * h.children > end - at) {
      throw invalidInput(
        `invalid message: a container claims ${counted} items, only ${end - at} bytes remain`,
      );
    }
    if (counted === 0) continue;
    if (open.length > WIRE_LIMITS.depth) {
      throw invalidInput(`invalid message: nested deeper than ${WIRE_LIMITS.depth} levels`);
    }
    open.push(counted * h.children);
  }
  if (at !== end) {
    throw invalidInput(`invalid message: ${end - at} extra byte(s) after the value`);
  }
}
