// The servers a bridge test or bench runs against, started together: nats-server and PostgreSQL,
// and a Kafka broker when asked. If one fails to start, those that did are stopped before the
// error is thrown, so none outlives the run.
import type { NatsConnection } from '@nats-io/transport-node';
import type pg from 'pg';
import { type NatsServer, startNats } from '../../../../tools/testing/servers/nats.js';
import { type PostgresServer, startPostgres } from '../../../../tools/testing/servers/postgres.js';
import { type KafkaBroker, startKafka } from './kafka.js';

export interface Servers {
  nats: NatsServer;
  postgres: PostgresServer;
}

export interface KafkaServers extends Servers {
  kafka: KafkaBroker;
}

export function startServers(): Promise<Servers>;
export function startServers(options: { kafka: true }): Promise<KafkaServers>;
export async function startServers(
  options: { kafka?: boolean } = {},
): Promise<Servers | KafkaServers> {
  const [nats, postgres, kafka] = await Promise.allSettled([
    startNats(),
    startPostgres(),
    options.kafka === true ? startKafka() : Promise.resolve(undefined),
  ]);
  const started = {
    nats: nats.status === 'fulfilled' ? nats.value : undefined,
    postgres: postgres.status === 'fulfilled' ? postgres.value : undefined,
    kafka: kafka.status === 'fulfilled' ? kafka.value : undefined,
  };
  const failed = [nats, postgres, kafka].find((r) => r.status === 'rejected');
  if (failed !== undefined) {
    await stopServers(started);
    throw failed.reason;
  }
  return started as KafkaServers;
}

/** Clients of the servers, closed before the servers stop. */
interface Clients {
  nc: NatsConnection;
  pool: pg.Pool;
}

/** Closes the clients given, then stops whichever of the servers were started. */
export async function stopServers(
  servers: {
    [K in keyof (KafkaServers & Clients)]?: (KafkaServers & Clients)[K] | undefined;
  },
): Promise<void> {
  await servers.pool?.end();
  await servers.nc?.close();
  await servers.kafka?.stop();
  await servers.nats?.stop();
  servers.postgres?.destroy();
}
