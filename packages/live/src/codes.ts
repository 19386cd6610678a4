// The wire error codes of the live protocol and the WebSocket close code each one ends with.
// One table, so the server, the README and the tests cannot disagree.

export const LIVE_ERRORS = {
  /** Not the protocol: invalid JSON, an unknown message type, audio before `start`, a second `start`. */
  ERR_PROTOCOL: 1002,
  /** `encoding`, `sampleRate` or `channels` the server does not take. */
  ERR_UNSUPPORTED_FORMAT: 1003,
  /** An audio frame that is not a whole number of samples for every channel. */
  ERR_BAD_FRAME: 1007,
  /** Too many messages per second. */
  ERR_RATE_LIMITED: 1008,
  /** The client does not read what the server sends. */
  ERR_SLOW_CONSUMER: 1008,
  /** A frame larger than the server's limit. */
  ERR_FRAME_TOO_LARGE: 1009,
  /** The pipeline failed while running (a node error); the message says which node. */
  ERR_PIPELINE_FAILED: 1011,
  /** A bug in the server; the message says what happened. */
  ERR_INTERNAL: 1011,
  /** The server stops (SIGTERM): the session was flushed first. */
  ERR_SHUTTING_DOWN: 1001,
  /** The server has as many sessions as it takes; try again later. */
  ERR_SERVER_FULL: 1013,
  /** The bearer token is missing or wrong. */
  ERR_UNAUTHORIZED: 4401,
  /** `start` names a pipeline the server does not serve. */
  ERR_UNKNOWN_PIPELINE: 4404,
  /** No message for longer than the idle limit. */
  ERR_IDLE_TIMEOUT: 4408,
} as const;

export type LiveErrorCode = keyof typeof LIVE_ERRORS;

/** A refusal: the code sent in the `error` message, and the close reason a person reads. */
export interface Refusal {
  code: LiveErrorCode;
  reason: string;
}

/** The longest close reason a WebSocket close frame carries (123 bytes of UTF-8). */
const MAX_REASON_BYTES = 123;

/** `reason` cut to fit a close frame (the full text goes in the `error` message). */
export function closeReason(reason: string): string {
  if (Buffer.byteLength(reason) <= MAX_REASON_BYTES) return reason;
  let cut = reason.slice(0, MAX_REASON_BYTES - 3);
  while (Buffer.byteLength(`${cut}...`) > MAX_REASON_BYTES) cut = cut.slice(0, -1);
  return `${cut}...`;
}
