// remotemedia.toml as data: which node packages, plugin folders and Python nodes a deployment loads.

export interface PythonNodeRef {
  /** Class name of a MultiprocessNode subclass (also its node type). */
  class: string;
  /** Python module that defines it, e.g. 'my_nodes.echo'. */
  module: string;
}

export interface RemoteMediaConfig {
  /** Absolute path of the file it came from (undefined for the built-in defaults). */
  source: string | undefined;
  native: {
    /** npm packages that ship native nodes and a nodes.json. */
    packages: string[];
    /** Folders scanned for plugins (absolute). */
    pluginDirs: string[];
  };
  python: {
    /** Folders added to PYTHONPATH for the workers (absolute). */
    modulePaths: string[];
    nodes: PythonNodeRef[];
    /**
     * As written in [python] executable; a path (with a slash) is resolved against the config's
     * folder. `undefined` when not set: see `pythonExecutable` for the fallbacks.
     */
    executable: string | undefined;
    /** @default 1 */
    workers: number;
  };
  /** What `remotemedia serve` and `nodes list --remote` connect to (flags override these). */
  remote: {
    /** NATS URLs; empty: $REMOTEMEDIA_NATS_URL, else nats://127.0.0.1:4222. */
    servers: string[];
    /** Worker name shown by `nats micro ls`. */
    name: string | undefined;
    /** Tags callers select this worker by ({ gpu = "true" }). */
    tags: Record<string, string>;
    /** [remote.tls]: file paths are absolute. */
    tls: NatsTlsConfig | undefined;
  };
  /** What `remotemedia registry` runs (flags override some of these). */
  registry: RegistryConfig;
  /** What `remotemedia serve --ws` serves. */
  live: LiveConfig;
}

/** [live] of remotemedia.toml. */
export interface LiveConfig {
  /** Interface to listen on (--host overrides). @default 127.0.0.1 */
  host: string | undefined;
  /** Variable holding the bearer token clients must send (never the token itself). */
  tokenEnv: string | undefined;
  /** Server processes sharing the port (--workers overrides); each applies the limits. @default 1 */
  workers: number | 'auto' | undefined;
  /** Pipeline name -> absolute manifest path. */
  pipelines: Record<string, string>;
  /** The server's limits (`max_frame_bytes` -> `maxFrameBytes`, ...); unset ones keep defaults. */
  limits: Record<string, number>;
}

export interface NatsTlsConfig {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  /** TLS before the NATS protocol (the server needs `handshake_first`). */
  handshakeFirst?: boolean;
}

/**
 * [registry] of remotemedia.toml: the options of `createRegistryBridge` except NATS (from
 * [remote]). Secrets are never in the file: only the names of the variables that hold them.
 */
export interface RegistryConfig {
  bus?: 'jetstream' | 'kafka';
  staleAfterMs?: number;
  removeAfterMs?: number;
  sweepIntervalMs?: number;
  retryIntervalMs?: number;
  healthTimeoutMs?: number;
  http: { host?: string; port?: number };
  kafka: {
    brokers?: string[];
    clientId?: string;
    partitions?: number;
    ssl?: boolean;
    saslMechanism?: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    saslUsername?: string;
    /** Variable holding the SASL password (set together with the mechanism and user name). */
    saslPasswordEnv?: string;
  };
  postgres: {
    /** Variable holding the connection URL. @default REMOTEMEDIA_PG_URL, else the PG* variables */
    urlEnv?: string;
    host?: string;
    port?: number;
    database?: string;
    user?: string;
    /** Variable holding the password. @default PGPASSWORD (read by pg itself) */
    passwordEnv?: string;
    max?: number;
    connectionTimeoutMs?: number;
  };
  discovery: { bucket?: string; entryTtlMs?: number; timeoutMs?: number };
}

/** The native packages every install of the CLI has. */
export const DEFAULT_NATIVE_PACKAGES = [
  '@remotemedia/node-format',
  '@remotemedia/node-resample',
  '@remotemedia/node-vad',
] as const;
