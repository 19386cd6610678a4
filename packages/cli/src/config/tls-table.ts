// [remote.tls] of remotemedia.toml: TLS files (and handshake-first) for every NATS connection.
import { definedOnly } from '../defined-only.js';
import { booleanValue, nonEmptyString, type TableSpec } from './checks.js';
import type { NatsTlsConfig } from './types.js';

type Table = Record<string, unknown>;

export const tlsSpec: TableSpec = {
  ca_file: nonEmptyString,
  cert_file: nonEmptyString,
  key_file: nonEmptyString,
  handshake_first: booleanValue,
};

/** [remote.tls] with its files resolved by `path` (against the config's folder). */
export function tlsConfig(
  tls: Table | undefined,
  path: (file: string) => string,
): NatsTlsConfig | undefined {
  if (tls === undefined) return undefined;
  const file = (key: string) => (typeof tls[key] === 'string' ? path(tls[key]) : undefined);
  return definedOnly<NatsTlsConfig>({
    caFile: file('ca_file'),
    certFile: file('cert_file'),
    keyFile: file('key_file'),
    handshakeFirst: tls.handshake_first as boolean | undefined,
  });
}
