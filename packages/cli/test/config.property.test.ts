// remotemedia.toml is read from disk: any text gives a config or ERR_INVALID_PARAM naming lines,
// never another error; a config drawn from the loader's spec loads with its values, or is refused
// with exactly the problems it has, each at a line of the file.
import { resolve } from 'node:path';
import { isRemoteMediaError } from '@remotemedia/errors';
import fc from 'fast-check';
import { stringify } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { holds, readsAnyInput, splicedText } from '../../../tools/testing/property.js';
import { parseConfig } from '../src/config/parse-config.js';
import type { RemoteMediaConfig } from '../src/config/types.js';
import { checkedKeys, configArb, keysWithValues } from './config-arbitraries.js';

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

const FILE = 'remotemedia.toml';

/** Parses `text`; a refusal must be ERR_INVALID_PARAM whose every line names the file and a line. */
function parses(text: string): string {
  try {
    parseConfig(text, FILE);
    return 'ok';
  } catch (error) {
    if (!isRemoteMediaError(error, 'ERR_INVALID_PARAM')) throw error;
    expect(error.message).toMatch(
      /^remotemedia\.toml(:\d+)?: invalid TOML|^remotemedia\.toml has /,
    );
    return error.code;
  }
}

/** The problems of a refusal: each line's number and message. */
function problemsOf(message: string): { line: number; message: string }[] {
  const [head, ...rest] = message.split('\n  ');
  const count = /^remotemedia\.toml has (\d+) problems?:$/.exec(head as string);
  expect(count, message).not.toBeNull();
  expect(rest).toHaveLength(Number(count?.[1]));
  return rest.map((line) => {
    const m = /^remotemedia\.toml:(\d+): (.*)$/.exec(line);
    expect(m, line).not.toBeNull();
    return { line: Number(m?.[1]), message: m?.[2] as string };
  });
}

type Table = Record<string, unknown>;
const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const camelKeys = (table: unknown) =>
  Object.fromEntries(Object.entries((table ?? {}) as Table).map(([k, v]) => [camel(k), v]));

/** The loaded config carries every value of the drawn one (paths resolved, keys in camelCase). */
function expectLoaded(drawn: Table, config: RemoteMediaConfig): void {
  const t = drawn as Record<string, Record<string, Table | undefined> | undefined>;
  const paths = (v: unknown) => ((v ?? []) as string[]).map((p) => resolve(p));
  const native = t.nodes?.native;
  if (native?.packages !== undefined) expect(config.native.packages).toEqual(native.packages);
  expect(config.native.pluginDirs).toEqual(paths(native?.plugin_dirs));
  expect(config.python.modulePaths).toEqual(paths(t.nodes?.python?.module_paths));
  expect(config.python.nodes).toEqual(t.nodes?.python?.nodes ?? []);
  expect(config.python.workers).toBe(t.python?.workers ?? 1);
  expect(config.python.executable === undefined).toBe(t.python?.executable === undefined);
  expect(config.remote.servers).toEqual(t.remote?.servers ?? []);
  expect(config.remote.name).toBe(t.remote?.name);
  expect(config.remote.tags).toEqual({ ...t.remote?.tags });
  const tls = t.remote?.tls as Table | undefined;
  expect(config.remote.tls?.handshakeFirst).toBe(tls?.handshake_first);
  expect(config.remote.tls?.caFile).toBe(
    tls?.ca_file === undefined ? undefined : resolve(tls.ca_file as string),
  );
  const { http, kafka, postgres, discovery, ...registry } = t.registry ?? {};
  expect(config.registry).toEqual({
    ...camelKeys(registry),
    http: camelKeys(http),
    kafka: camelKeys(kafka),
    postgres: camelKeys(postgres),
    discovery: camelKeys(discovery),
  });
  const { host, token_env, workers, pipelines, ...limits } = t.live ?? {};
  expect(config.live).toEqual({
    host,
    tokenEnv: token_env,
    workers,
    pipelines: Object.fromEntries(
      Object.entries((pipelines ?? {}) as Table).map(([name, file]) => [
        name,
        resolve(file as string),
      ]),
    ),
    limits: camelKeys(limits),
  });
}

/** Each problem's line is in the file, and a problem with a key's value is on a line naming it. */
function expectLinesShowTheirKeys(text: string, reported: { line: number; message: string }[]) {
  const lines = text.split('\n');
  for (const { line, message } of reported) {
    expect(line).toBeLessThanOrEqual(lines.length);
    const key = /^[a-z_]+(?:\.[a-z_]+)*\.([a-z_]+) (?:must|has)/.exec(message)?.[1];
    if (key !== undefined) expect(lines[line - 1], `${message}\n${text}`).toContain(key);
  }
}

/** A drawn config loads with its values when it has no problem, else is refused with exactly them. */
function loadsOrNamesItsProblems({ value, problems }: { value: unknown; problems: string[] }) {
  const text = stringify(value);
  let config: RemoteMediaConfig | undefined;
  try {
    config = parseConfig(text, FILE);
  } catch (error) {
    if (!isRemoteMediaError(error, 'ERR_INVALID_PARAM')) throw error;
    const reported = problemsOf(error.message);
    const unmatched = [...reported];
    for (const expected of problems) {
      const at = unmatched.findIndex((p) => p.message.startsWith(expected));
      expect(at, `'${expected}' in ${error.message}\n${text}`).toBeGreaterThanOrEqual(0);
      unmatched.splice(at, 1);
    }
    expect(unmatched, `${error.message}\n${text}`).toEqual([]);
    expectLinesShowTheirKeys(text, reported);
    return;
  }
  expect(problems, text).toEqual([]);
  expectLoaded(value as Table, config);
}

describe('remotemedia.toml from any text', () => {
  it('draws values for every key the loader checks', () => {
    expect([...keysWithValues].sort()).toEqual(checkedKeys().sort());
  });

  readsAnyInput('parseConfig', parses, {
    'random text gives a config or ERR_INVALID_PARAM': fc.string({ maxLength: 300 }),
    'config-shaped TOML, mutated, gives a config or ERR_INVALID_PARAM': splicedText(
      tableArb,
      stringify,
    ),
    'configs of every table and key, mutated, give a config or ERR_INVALID_PARAM': splicedText(
      configArb.map((drawn) => drawn.value),
      stringify,
    ),
  });

  it('a config of every table and key loads with its values, or is refused with exactly its problems', () => {
    holds('parseConfig: drawn configs', fc.property(configArb, loadsOrNamesItsProblems));
  });
});
