import { describe, expect, it } from 'vitest';
import { fromNativeError, isRemoteMediaError, RemoteMediaError } from '../src/index.js';

describe('RemoteMediaError', () => {
  it('carries code, nodeId, retryable and cause', () => {
    const cause = new Error('socket closed');
    const err = new RemoteMediaError('ERR_TIMEOUT', 'node took too long', {
      nodeId: 'asr',
      retryable: true,
      cause,
    });
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('ERR_TIMEOUT');
    expect(err.nodeId).toBe('asr');
    expect(err.retryable).toBe(true);
    expect(err.cause).toBe(cause);
    expect(err.toJSON()).toEqual({
      name: 'RemoteMediaError',
      code: 'ERR_TIMEOUT',
      message: 'node took too long',
      nodeId: 'asr',
      retryable: true,
    });
  });

  it('is recognised across copies of the class through its brand', () => {
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('remotemedia.RemoteMediaError')]: true,
    });
    expect(foreign instanceof RemoteMediaError).toBe(true);
    expect(new Error('plain') instanceof RemoteMediaError).toBe(false);
  });

  it('withNode attributes an error to a node without losing the code', () => {
    const err = new RemoteMediaError('ERR_INVALID_INPUT', 'bad').withNode('vad');
    expect(err.nodeId).toBe('vad');
    expect(isRemoteMediaError(err, 'ERR_INVALID_INPUT')).toBe(true);
    expect(isRemoteMediaError(err, 'ERR_TIMEOUT')).toBe(false);
  });
});

describe('fromNativeError', () => {
  it('takes the code native bindings set as data', () => {
    const native = Object.assign(new Error('odd byte length 3 for s16'), {
      code: 'ERR_INVALID_INPUT',
    });
    const err = fromNativeError(native);
    expect(err.code).toBe('ERR_INVALID_INPUT');
    expect(err.message).toBe('odd byte length 3 for s16');
    expect(err.cause).toBe(native);
  });

  it('never classifies a plain error by its wording', () => {
    for (const message of ['panic: index out of bounds', 'ERR_INVALID_INPUT: frame 3']) {
      const plain = new Error(message);
      const err = fromNativeError(plain);
      expect(err).toMatchObject({ code: 'ERR_INTERNAL', message });
      expect(err.cause).toBe(plain);
    }
  });

  it('maps napi argument errors to ERR_INVALID_INPUT and unknowns to ERR_INTERNAL', () => {
    const argError = Object.assign(new Error('Expected Float32Array'), { code: 'InvalidArg' });
    expect(fromNativeError(argError).code).toBe('ERR_INVALID_INPUT');
    expect(fromNativeError('weird').code).toBe('ERR_INTERNAL');
    const foreign = Object.assign(new Error('no such file'), { code: 'ENOENT' });
    expect(fromNativeError(foreign)).toMatchObject({ code: 'ERR_INTERNAL', cause: foreign });
  });

  it('leaves a RemoteMediaError as it is', () => {
    const err = new RemoteMediaError('ERR_TIMEOUT', 'slow');
    expect(fromNativeError(err)).toBe(err);
  });
});
