export { type ErrorCode, ErrorCodes, isErrorCode } from './codes.js';
export { fromNativeError } from './native.js';
export {
  isRemoteMediaError,
  RemoteMediaError,
  type RemoteMediaErrorOptions,
} from './remote-media-error.js';
