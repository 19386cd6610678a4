export {
  type AudioFrameShape,
  describeValue,
  expectAudioFrame,
  invalidInput,
  invalidParam,
  rejectUnknownKeys,
} from './argument-errors.js';
export { type ErrorCode, ErrorCodes, isErrorCode } from './codes.js';
export { fromNativeError } from './native.js';
export { redactCredentials, redactError } from './redact.js';
export {
  isRemoteMediaError,
  RemoteMediaError,
  type RemoteMediaErrorOptions,
} from './remote-media-error.js';
export { didYouMean, suggest } from './suggest.js';
