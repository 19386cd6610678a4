// Bridge metrics in a private prom-client registry: served as Prometheus text on /metrics and
// read back as plain numbers by `bridge.metrics()`.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { StoreName } from './stores/store.js';

export interface BridgeMetricsSnapshot {
  registrations: { total: number; successful: number; failed: number };
  /**
   * Writes per store: `ok` at once, `failed` attempts (queued), `backfilled` after recovery,
   * `rejected` events the store refused for their data (dead-lettered).
   */
  stores: Record<
    StoreName,
    { ok: number; failed: number; backfilled: number; rejected: number; pending: number }
  >;
  deregistrations: number;
  malformed: number;
  deadLettered: number;
  stale: { marked: number; removed: number };
  registeredNodes: string[];
  latency: { count: number; sumSeconds: number };
}

export class BridgeMetrics {
  readonly registry = new Registry();
  readonly registeredNodes = new Set<string>();
  readonly registrations: Counter<'result'>;
  readonly storeWrites: Counter<'store' | 'result'>;
  readonly deregistrations: Counter;
  readonly malformed: Counter;
  readonly deadLettered: Counter;
  readonly stale: Counter<'action'>;
  readonly latency: Histogram;
  readonly pending: (store: StoreName) => number;

  constructor(pending: (store: StoreName) => number) {
    this.pending = pending;
    const registers = [this.registry];
    const counter = <L extends string = never>(name: string, help: string, labelNames?: L[]) =>
      new Counter<L>({
        name,
        help,
        registers,
        ...(labelNames === undefined ? {} : { labelNames }),
      });
    this.registrations = counter(
      'registry_registrations_total',
      'NODE_INTROSPECTION events handled; result=successful (every store at once) or failed (some store queued for backfill)',
      ['result'],
    );
    this.storeWrites = counter(
      'registry_store_writes_total',
      'Writes per store; result=ok, failed (queued), backfilled or rejected (bad data, dead-lettered)',
      ['store', 'result'],
    );
    this.deregistrations = counter(
      'registry_deregistrations_total',
      'NODE_SHUTDOWN events handled',
    );
    this.malformed = counter('registry_malformed_events_total', 'Events that failed validation');
    this.deadLettered = counter(
      'registry_dead_lettered_total',
      'Events moved to the dead-letter subject or topic (malformed, too far in the future, or refused by a store)',
    );
    this.stale = counter(
      'registry_stale_nodes_total',
      'Nodes without heartbeat; action=marked or removed',
      ['action'],
    );
    this.latency = new Histogram({
      name: 'registry_registration_latency_seconds',
      help: 'From receiving an event to its registration in every store',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    const nodes = this.registeredNodes;
    new Gauge({
      name: 'registry_pending_writes',
      help: 'Registrations waiting for a store to come back',
      labelNames: ['store'],
      registers,
      collect() {
        for (const store of ['discovery', 'postgres'] as const) this.set({ store }, pending(store));
      },
    });
    new Gauge({
      name: 'registry_registered_nodes',
      help: 'Nodes currently registered',
      registers,
      collect() {
        this.set(nodes.size);
      },
    });
    new Gauge({
      name: 'registry_node_registered',
      help: 'One series per registered node id',
      labelNames: ['node_id'],
      registers,
      collect() {
        this.reset();
        for (const id of nodes) this.set({ node_id: id }, 1);
      },
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  async snapshot(): Promise<BridgeMetricsSnapshot> {
    const value = async (counter: Counter<string>, labels: Record<string, string> = {}) => {
      const { values } = await counter.get();
      const hit = values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
      return hit?.value ?? 0;
    };
    const store = async (name: StoreName) => ({
      ok: await value(this.storeWrites, { store: name, result: 'ok' }),
      failed: await value(this.storeWrites, { store: name, result: 'failed' }),
      backfilled: await value(this.storeWrites, { store: name, result: 'backfilled' }),
      rejected: await value(this.storeWrites, { store: name, result: 'rejected' }),
      pending: this.pending(name),
    });
    const successful = await value(this.registrations, { result: 'successful' });
    const failed = await value(this.registrations, { result: 'failed' });
    const latency = await this.latency.get();
    const count = latency.values.find((v) => v.metricName?.endsWith('_count'))?.value ?? 0;
    const sum = latency.values.find((v) => v.metricName?.endsWith('_sum'))?.value ?? 0;
    return {
      registrations: { total: successful + failed, successful, failed },
      stores: { discovery: await store('discovery'), postgres: await store('postgres') },
      deregistrations: await value(this.deregistrations),
      malformed: await value(this.malformed),
      deadLettered: await value(this.deadLettered),
      stale: {
        marked: await value(this.stale, { action: 'marked' }),
        removed: await value(this.stale, { action: 'removed' }),
      },
      registeredNodes: [...this.registeredNodes].sort(),
      latency: { count, sumSeconds: sum },
    };
  }
}
