import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from '../../../tools/testing/rejection.js';
import { makeCertificates, type TestCertificates } from '../../../tools/testing/servers/tls.js';
import { RemoteClient, serve } from '../src/index.js';
import { testRegistry } from './fixtures/nodes.js';
import { frame, type NatsServer, startNats } from './helpers.js';

/** Serves the test registry, calls Gain once through a client, and closes both. */
async function gainThroughWorker(options: Parameters<typeof RemoteClient.connect>[0]) {
  const worker = await serve(testRegistry(), { ...options, id: 'secure', handleSignals: false });
  const client = await RemoteClient.connect(options);
  try {
    const out = (await client.call('Gain', frame([0.25]), { params: { gain: 2 } })) as {
      samples: Float32Array;
    };
    return [...out.samples];
  } finally {
    await client.close();
    await worker.close();
  }
}

/** Every text a failed connection shows: message, stack and causes. */
function shown(error: unknown): string {
  const texts: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause)
    texts.push(e.message, e.stack ?? '');
  return texts.join('\n');
}

describe('NATS over TLS', () => {
  let certs: TestCertificates;
  let nats: NatsServer;
  beforeAll(async () => {
    certs = makeCertificates();
    nats = await startNats({ tls: certs });
  });
  afterAll(async () => {
    await nats?.stop();
    certs?.remove();
  });

  it('a worker and a client that trust the CA serve and call a node', async () => {
    const tls = { caFile: certs.caFile };
    expect(await gainThroughWorker({ servers: nats.url, tls })).toEqual([0.5]);
  });

  it('a client that does not trust the server certificate is refused with ERR_TRANSPORT', async () => {
    const error = await rejection(RemoteClient.connect({ servers: nats.url, tls: {} }));
    expect(error.code).toBe('ERR_TRANSPORT');
    expect(error.retryable).toBe(true);
  });
});

describe('NATS with a user and password', () => {
  let nats: NatsServer;
  const env = { ...process.env };
  beforeAll(async () => {
    nats = await startNats({ auth: { user: 'media', pass: 'pa@ss/w0rd' } });
  });
  afterEach(() => {
    process.env = { ...env };
  });
  afterAll(() => nats?.stop());

  it('takes the credentials from REMOTEMEDIA_NATS_USER / REMOTEMEDIA_NATS_PASSWORD', async () => {
    process.env.REMOTEMEDIA_NATS_USER = 'media';
    process.env.REMOTEMEDIA_NATS_PASSWORD = 'pa@ss/w0rd';
    expect(await gainThroughWorker({ servers: nats.url })).toEqual([0.5]);
  });

  it('refuses a wrong password with ERR_TRANSPORT, and no password appears in the error', async () => {
    const error = await rejection(
      RemoteClient.connect({ servers: nats.url, user: 'media', pass: 'wrong-s3cret' }),
    );
    expect(error.code).toBe('ERR_TRANSPORT');
    expect(error.message).toMatch(/check the URL, that nats-server runs, and the credentials/);
    expect(shown(error)).not.toContain('wrong-s3cret');
  });

  it('never shows credentials written into the server URL', async () => {
    const url = nats.url.replace('nats://', 'nats://media:n0t-the-pass@');
    const error = await rejection(RemoteClient.connect({ servers: url }));
    expect(error.code).toBe('ERR_TRANSPORT');
    expect(shown(error)).not.toContain('n0t-the-pass');
    expect(error.message).toContain('nats://***@127.0.0.1:');
  });
});

describe('NATS with a token', () => {
  let nats: NatsServer;
  beforeAll(async () => {
    nats = await startNats({ token: 's3cret-token' });
  });
  afterAll(() => nats?.stop());

  it('connects with the token and refuses a client without it', async () => {
    expect(await gainThroughWorker({ servers: nats.url, token: 's3cret-token' })).toEqual([0.5]);
    const error = await rejection(RemoteClient.connect({ servers: nats.url }));
    expect(error.code).toBe('ERR_TRANSPORT');
  });
});
