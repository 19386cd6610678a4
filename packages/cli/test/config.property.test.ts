// remotemedia.toml is read from disk: any text gives a config or ERR_INVALID_PARAM naming lines,
// never another error.
import fc from 'fast-check';
import { stringify } from 'smol-toml';
import { describe } from 'vitest';
import { outcome, readsAnyInput, splicedText } from '../../../tools/testing/property.js';
import { parseConfig } from '../src/config/parse-config.js';

const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
);
const key = fc.constantFrom(
  'nodes',
  'native',
  'python',
  'packages',
  'plugin_dirs',
  'module_paths',
  'executable',
  'workers',
  'remote',
  'servers',
  'tags',
  'tls',
  'registry',
  'bus',
  'kafka',
  'postgres',
  'sasl_mechanism',
  'port',
  'class',
  'module',
  'typo',
  'live',
  'host',
  'token_env',
  'pipelines',
  'max_connections',
  'max_frame_bytes',
  'idle_timeout_ms',
  'drain_ms',
  'ca_file',
  'cert_file',
  'key_file',
  'handshake_first',
  'discovery',
  'http',
  'brokers',
  'url_env',
  'stale_after_ms',
);
const tableArb = fc.letrec((tie) => ({
  table: fc.dictionary(key, fc.oneof({ depthSize: 'small' }, scalar, tie('table')), {
    maxKeys: 5,
  }),
})).table;

/** TOML made from config-shaped tables, then a few characters changed, cut or inserted. */
const tomlArb = splicedText(tableArb, stringify);

const parses = (text: string) =>
  outcome(() => parseConfig(text, 'remotemedia.toml'), ['ERR_INVALID_PARAM']);

describe('remotemedia.toml from any text', () => {
  readsAnyInput('parseConfig', parses, {
    'random text gives a config or ERR_INVALID_PARAM': fc.string({ maxLength: 300 }),
    'config-shaped TOML, mutated, gives a config or ERR_INVALID_PARAM': tomlArb,
  });
});
