// What stops the bridge from starting, and with which error: bad options (before connecting),
// no NATS, NATS without JetStream. PostgreSQL down at start is not one of them.
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NatsServer, startNats } from '../../../tools/testing/servers/nats.js';
import { freePort } from '../../../tools/testing/servers/process.js';
import { createRegistryBridge } from '../src/index.js';
import { quiet } from './helpers.js';

let plain: NatsServer;
let withJs: NatsServer;

beforeAll(async () => {
  [plain, withJs] = await Promise.all([startNats({ jetstream: false }), startNats()]);
});

afterAll(async () => {
  await plain?.stop();
  await withJs?.stop();
});

describe('bridge startup', () => {
  it('rejects bad options naming the option, before connecting', async () => {
    await expect(
      createRegistryBridge({ staleAfterMs: -1, servers: 'nats://0.0.0.0:1' }),
    ).rejects.toMatchObject({
      code: 'ERR_INVALID_PARAM',
      message: 'staleAfterMs must be a positive number of milliseconds, got -1',
    });
    await expect(
      createRegistryBridge({ staleAfterMs: 10_000, removeAfterMs: 5_000 }),
    ).rejects.toMatchObject({
      code: 'ERR_INVALID_PARAM',
      message: /removeAfterMs \(5000\) must be at least/,
    });
  });

  it('fails with ERR_TRANSPORT when NATS is unreachable or has no JetStream', async () => {
    const port = await freePort();
    await expect(
      createRegistryBridge({ servers: `nats://127.0.0.1:${port}`, logger: quiet }),
    ).rejects.toMatchObject({ code: 'ERR_TRANSPORT' });
    await expect(
      createRegistryBridge({
        servers: plain.url,
        logger: quiet,
        postgres: { connectionString: `postgres://u:pw@127.0.0.1:${port}/db` },
      }),
    ).rejects.toMatchObject({ code: 'ERR_TRANSPORT', message: /needs JetStream/ });
  });

  it('never puts a NATS password or token in the error it throws', async () => {
    const port = await freePort();
    const secrets = ['pa55@w0rd/x', 's3cret-t0ken'];
    for (const servers of [
      `nats://registry:${secrets[0]}@127.0.0.1:${port}`,
      `nats://${secrets[1]}@127.0.0.1:${port}`,
    ]) {
      const error = await createRegistryBridge({ servers, logger: quiet }).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(error).toMatchObject({ code: 'ERR_TRANSPORT' });
      const everything = `${inspect(error, { depth: 10 })} ${JSON.stringify(error)}`;
      expect(everything).toContain(`127.0.0.1:${port}`);
      for (const secret of secrets) {
        expect(everything).not.toContain(secret);
        expect(everything).not.toContain(encodeURIComponent(secret));
      }
    }
  });

  it('starts degraded when PostgreSQL is down, and says so without its password', async () => {
    const port = await freePort();
    const bridge = await createRegistryBridge({
      servers: withJs.url,
      logger: quiet,
      postgres: { connectionString: `postgres://registry:hunter2@127.0.0.1:${port}/db` },
      healthTimeoutMs: 5_000, // NATS and discovery answer in time even on a loaded machine
    });
    const health = await bridge.checkHealth();
    expect(health.status).toBe('degraded');
    expect(health.components.postgres.status).toBe('down');
    expect(JSON.stringify(health)).not.toContain('hunter2');
    await bridge.close();
  });
});
