// remotemedia.toml is read from disk: any text gives a config or ERR_INVALID_PARAM naming lines,
// never another error.
import fc from 'fast-check';
import { stringify } from 'smol-toml';
import { describe, it } from 'vitest';
import { holds, outcome } from '../../../tools/testing/property.js';
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
const tomlArb = fc
  .tuple(
    tableArb,
    fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 3 }), fc.nat({ max: 4 })), {
      maxLength: 3,
    }),
  )
  .map(([table, edits]) => {
    let text = stringify(table);
    for (const [where, insert, remove] of edits) {
      const at = where % (text.length + 1);
      text = text.slice(0, at) + insert + text.slice(at + remove);
    }
    return text;
  });

const parses = (text: string) =>
  outcome(() => parseConfig(text, 'remotemedia.toml'), ['ERR_INVALID_PARAM']);

describe('remotemedia.toml from any text', () => {
  it('random text gives a config or ERR_INVALID_PARAM', () => {
    holds(
      'parseConfig (random text)',
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        parses(text);
      }),
    );
  });

  it('config-shaped TOML, mutated, gives a config or ERR_INVALID_PARAM', () => {
    holds(
      'parseConfig (mutated tables)',
      fc.property(tomlArb, (text) => {
        parses(text);
      }),
    );
  });
});
