// @remotemedia/registry-bridge: node introspection events into discovery and PostgreSQL.
export { createRegistryBridge, RegistryBridge } from './bridge.js';
export { BATCH_SIZE, BATCH_WAIT_MS, type EventBus, type EventHandler } from './bus/event-bus.js';
export { JetStreamBus } from './bus/jetstream.js';
export { DEAD_LETTER_TOPIC, KafkaBus, type KafkaBusOptions } from './bus/kafka.js';
export {
  type BridgeHealth,
  type BridgeStatus,
  type ComponentHealth,
  type ComponentStatus,
  redact as redactCredentials,
} from './health.js';
export type { BridgeMetricsSnapshot } from './metrics.js';
export type { RegistryBridgeOptions } from './options.js';
export { type DiscoveryOptions, DiscoveryStore } from './stores/discovery.js';
export { migrations } from './stores/migrations.js';
export { type PostgresOptions, PostgresStore } from './stores/postgres.js';
export type { RegistrationStore, StoreName } from './stores/store.js';
