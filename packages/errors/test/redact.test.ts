import { describe, expect, it } from 'vitest';
import { RemoteMediaError, redactCredentials, redactError } from '../src/index.js';

describe('redactCredentials', () => {
  it.each([
    [
      'hides a password in a connection URL',
      'connect postgres://registry:s3cret@127.0.0.1:5432/db failed',
      'connect postgres://***@127.0.0.1:5432/db failed',
    ],
    // A token is the user part of the URL.
    [
      'hides a token',
      'nats://t0ken-abc@10.0.0.5:4222 unreachable',
      'nats://***@10.0.0.5:4222 unreachable',
    ],
    // Raw '@' and '/' inside a password: everything up to the last '@' goes.
    [
      "hides a password with raw '@' and '/'",
      'at postgres://u:p@ss/w@rd@db.local:5432/x',
      'at postgres://***@db.local:5432/x',
    ],
    // A raw '/' in a token makes a URL parser read the token as the host: still credentials.
    [
      "hides a token with a raw '/'",
      'dial nats://t0k/en@10.0.0.5:4222 failed',
      'dial nats://***@10.0.0.5:4222 failed',
    ],
    [
      'hides credentials in a list of servers',
      'servers nats://a:b@h1:4222,nats://tok@h2:4222',
      'servers nats://***@h2:4222',
    ],
    [
      'keeps URLs without credentials as they are',
      'nats://10.0.0.5:4222 and http://127.0.0.1:9464/healthz',
      'nats://10.0.0.5:4222 and http://127.0.0.1:9464/healthz',
    ],
  ])('%s', (_, text, redacted) => {
    expect(redactCredentials(text)).toBe(redacted);
  });
});

describe('redactError', () => {
  it('redacts the message, the stack and every cause', () => {
    const cause = new Error('dial nats://user:hunter2@10.0.0.5:4222 refused');
    const error = new RemoteMediaError(
      'ERR_TRANSPORT',
      'cannot connect to nats://user:hunter2@10.0.0.5:4222',
      { cause },
    );
    redactError(error);
    for (const text of [error.message, error.stack, cause.message, cause.stack]) {
      expect(text).not.toContain('hunter2');
    }
    expect(error.message).toBe('cannot connect to nats://***@10.0.0.5:4222');
  });
});
