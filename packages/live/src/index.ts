// @remotemedia/live: a WebSocket server that runs a named pipeline per connection (the live
// protocol on /ws, Twilio Media Streams on /twilio) and serves the live microphone page.
export { LIVE_ERRORS, type LiveErrorCode, type Refusal } from './codes.js';
export type { SessionEnd } from './connection.js';
export { DEFAULT_LIMITS, type LiveLimits } from './limits.js';
export {
  BYTES_PER_SAMPLE,
  type ClientMessage,
  checkAudioFrame,
  ENCODINGS,
  type Encoding,
  parseClientMessage,
  type StartMessage,
  type StreamFormat,
} from './protocol.js';
export type { LiveOutput, OutputListener, SessionInfo } from './served.js';
export { createLiveServer, type LiveServer, type LiveServerOptions } from './server.js';
