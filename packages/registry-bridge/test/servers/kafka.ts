// A real single-node Apache Kafka broker (KRaft, combined broker + controller) from the jars
// tools/kafka-jars.sh caches from Maven Central; Java 17+ needed. Clients must authenticate
// (SASL/PLAIN with a generated password), as on a production cluster, so the bridge's SASL
// settings are exercised by every Kafka test.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePorts, stopChild, waitForPort } from '../../../../tools/testing/servers/process.js';

export interface KafkaBroker {
  brokers: string[];
  /** A user the broker accepts. */
  sasl: { mechanism: 'plain'; username: string; password: string };
  stop(): Promise<void>;
}

export function kafkaJars(): string {
  const script = fileURLToPath(new URL('../../tools/kafka-jars.sh', import.meta.url));
  const dir = execFileSync('bash', [script], { stdio: ['ignore', 'pipe', 'inherit'] })
    .toString()
    .trim();
  return join(dir, 'jars', '*');
}

export async function startKafka(): Promise<KafkaBroker> {
  const classpath = kafkaJars();
  const [port, controllerPort] = (await freePorts(2)) as [number, number];
  const dir = mkdtempSync(join(tmpdir(), 'rm-bridge-kafka-'));
  const properties = join(dir, 'server.properties');
  const sasl = {
    mechanism: 'plain',
    username: 'bridge',
    password: randomBytes(12).toString('hex'),
  };
  const admin = randomBytes(12).toString('hex');
  const jaas = [
    'org.apache.kafka.common.security.plain.PlainLoginModule required',
    `username="admin" password="${admin}"`,
    `user_admin="${admin}" user_${sasl.username}="${sasl.password}";`,
  ].join(' ');
  writeFileSync(
    properties,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=SASL_PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=SASL_PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=SASL_PLAINTEXT',
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT',
      'sasl.enabled.mechanisms=PLAIN',
      'sasl.mechanism.inter.broker.protocol=PLAIN',
      `listener.name.sasl_plaintext.plain.sasl.jaas.config=${jaas}`,
      `log.dirs=${join(dir, 'logs')}`,
      'num.partitions=1',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      '',
    ].join('\n'),
  );
  // The broker logs through reload4j; keep test output clean.
  writeFileSync(join(dir, 'log4j.properties'), 'log4j.rootLogger=OFF\n');
  const java = [
    '-Xms128m',
    '-Xmx512m',
    `-Dlog4j.configuration=file:${join(dir, 'log4j.properties')}`,
    '-cp',
    classpath,
  ];
  const clusterId = execFileSync('java', [...java, 'kafka.tools.StorageTool', 'random-uuid'])
    .toString()
    .trim();
  execFileSync(
    'java',
    [...java, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', properties],
    {
      stdio: 'pipe',
    },
  );
  const child: ChildProcess = spawn('java', [...java, 'kafka.Kafka', properties], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  try {
    await waitForPort(port, 60_000, 'kafka');
  } catch (error) {
    await stopChild(child, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return {
    brokers: [`127.0.0.1:${port}`],
    sasl: sasl as KafkaBroker['sasl'],
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
