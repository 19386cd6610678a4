export {
  type AudioFrameShape,
  describeValue,
  expectAudioFrame,
  invalidInput,
  invalidParam,
  rejectUnknownKeys,
} from './argument-errors.js';
export { type ErrorCode, ErrorCodes, isErrorCode } from './codes.js';
export {
  type KitBinding,
  type KitNodeMetadata,
  type KitNodeSet,
  type KitPort,
  readKitNodeSet,
} from './kit-node-set.js';
export { fromNativeError } from './native.js';
export {
  loadNativeBinding,
  type NativeCaller,
  type NativePackageInfo,
  nativeBindingError,
  nativeCaller,
  platformSuffix,
} from './native-binding.js';
export { redactCredentials, redactError } from './redact.js';
export {
  isRemoteMediaError,
  RemoteMediaError,
  type RemoteMediaErrorOptions,
} from './remote-media-error.js';
export { didYouMean, suggest } from './suggest.js';
