// remotemedia.toml tables drawn from the loader's own spec: every table and key it knows, each
// value valid or a near miss (wrong type, out of range, bad enum, bad name), tables replaced by
// non-tables and unknown keys added, with the problems the loader must report for each draw.
import fc from 'fast-check';
import type { TableSpec } from '../src/config/checks.js';
import { configSpec } from '../src/config/parse-config.js';

/** A drawn value and the start of each problem line the loader must print for it. */
export interface Drawn {
  value: unknown;
  problems: string[];
}

/** A key's values: the valid ones and its near misses. */
interface Values {
  valid: fc.Arbitrary<unknown>;
  invalid: fc.Arbitrary<unknown>;
}

const text = fc.string({ minLength: 1, maxLength: 8 });
const date = fc.constantFrom(new Date(Date.UTC(1979, 4, 27)), new Date(Date.UTC(2026, 11, 7, 12)));
const otherTypes = {
  string: fc.oneof(fc.constant(''), text),
  integer: fc.integer({ min: -3, max: 70_000 }),
  float: fc.constantFrom(0.5, 1.5, -2.25, Number.NaN, Number.POSITIVE_INFINITY),
  boolean: fc.boolean(),
  date,
  array: fc.array(fc.oneof(text, fc.integer()), { maxLength: 2 }),
  table: fc.dictionary(fc.constantFrom('a', 'b'), fc.oneof(text, fc.integer()), { maxKeys: 2 }),
};
type TomlType = keyof typeof otherTypes;

/** Any TOML value whose type is not one of `types`. */
function wrongType(...types: TomlType[]): fc.Arbitrary<unknown> {
  const others = Object.entries(otherTypes).filter(([type]) => !types.includes(type as TomlType));
  return fc.oneof(...others.map(([, arb]) => arb as fc.Arbitrary<unknown>));
}

const values = (valid: fc.Arbitrary<unknown>, ...nearMisses: fc.Arbitrary<unknown>[]): Values => ({
  valid,
  invalid: fc.oneof(...nearMisses),
});

const nonEmpty = values(text, fc.constant(''), wrongType('string'));
const list = values(
  fc.array(text, { maxLength: 3 }),
  fc.constantFrom([''], ['a', 2], [true]),
  wrongType('array'),
);
const flag = values(fc.boolean(), fc.constantFrom('true', 0, 1), wrongType('boolean'));
const integer = (min: number, max: number) =>
  values(
    fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max })),
    fc.constantFrom(min - 1, max + 1, min + 0.5, `${min}`),
    wrongType('integer'),
  );
const duration = integer(1, 2_147_483_647);
const oneOf = (...allowed: string[]) =>
  values(
    fc.constantFrom(...allowed),
    fc.constantFrom(...allowed.map((a) => a.toUpperCase()), `${allowed[0]} `, 'other'),
    wrongType('string'),
  );
const envName = values(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,11}$/),
  fc.constantFrom('1PG', 'PG-URL', 'PG URL', '$PG', ''),
  wrongType('string'),
);
const pipelineName = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
const pipelines = values(
  fc.dictionary(pipelineName, text, { maxKeys: 3 }),
  fc.constantFrom(
    { 'a b': 'x.yaml' },
    { 'a.b': 'x.yaml' },
    { '': 'x.yaml' },
    { ['n'.repeat(65)]: 'x.yaml' },
  ),
  fc.dictionary(pipelineName, fc.oneof(fc.constant(''), wrongType('string')), {
    minKeys: 1,
    maxKeys: 2,
  }),
  wrongType('table'),
);
const tags = values(
  fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
  fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), wrongType('string'), { minKeys: 1, maxKeys: 2 }),
  wrongType('table'),
);
const workers = values(
  fc.oneof(fc.constant('auto'), fc.integer({ min: 1, max: 256 })),
  fc.constantFrom(0, 257, 'Auto', 'all', 2.5),
  wrongType('integer', 'string'),
);

/** The values of every key the loader checks, by dotted path (a check without one fails the test). */
const KEY_VALUES: Record<string, Values> = {
  'nodes.native.packages': list,
  'nodes.native.plugin_dirs': list,
  'nodes.python.module_paths': list,
  'python.executable': nonEmpty,
  'python.workers': integer(1, 64),
  'remote.servers': list,
  'remote.name': nonEmpty,
  'remote.tags': tags,
  'remote.tls.ca_file': nonEmpty,
  'remote.tls.cert_file': nonEmpty,
  'remote.tls.key_file': nonEmpty,
  'remote.tls.handshake_first': flag,
  'registry.bus': oneOf('jetstream', 'kafka'),
  'registry.stale_after_ms': duration,
  'registry.remove_after_ms': duration,
  'registry.sweep_interval_ms': duration,
  'registry.retry_interval_ms': duration,
  'registry.health_timeout_ms': duration,
  'registry.http.host': nonEmpty,
  'registry.http.port': integer(0, 65_535),
  'registry.kafka.brokers': list,
  'registry.kafka.client_id': nonEmpty,
  'registry.kafka.partitions': integer(1, 10_000),
  'registry.kafka.ssl': flag,
  'registry.kafka.sasl_mechanism': oneOf('plain', 'scram-sha-256', 'scram-sha-512'),
  'registry.kafka.sasl_username': nonEmpty,
  'registry.kafka.sasl_password_env': envName,
  'registry.postgres.url_env': envName,
  'registry.postgres.host': nonEmpty,
  'registry.postgres.port': integer(1, 65_535),
  'registry.postgres.database': nonEmpty,
  'registry.postgres.user': nonEmpty,
  'registry.postgres.password_env': envName,
  'registry.postgres.max': integer(1, 1000),
  'registry.postgres.connection_timeout_ms': duration,
  'registry.discovery.bucket': nonEmpty,
  'registry.discovery.entry_ttl_ms': duration,
  'registry.discovery.timeout_ms': duration,
  'live.host': nonEmpty,
  'live.token_env': envName,
  'live.max_connections': integer(1, 1_000_000),
  'live.max_frame_bytes': integer(64, 16_777_216),
  'live.max_messages_per_second': integer(1, 100_000),
  'live.idle_timeout_ms': duration,
  'live.output_high_water_bytes': integer(1024, 1_073_741_824),
  'live.input_queue_frames': integer(1, 100_000),
  'live.slow_client_ms': duration,
  'live.drain_ms': integer(0, 2_147_483_647),
  'live.pipelines': pipelines,
  'live.workers': workers,
};

/** Keys no table knows: typos, keys of other tables, and the names every JS object inherits. */
const strangerKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'valueOf', 'toString', 'hasOwnProperty'),
  fc.constantFrom('worker', 'packages', 'port', 'tls', 'Bus', 'python', 'a b', 'a.b', 'a]b', ''),
  fc.stringMatching(/^[a-z_]{1,8}$/),
);

/** `entries` as a table; `__proto__` is an own key, as smol-toml makes it. */
const tableOf = (entries: [string, unknown][]): Record<string, unknown> =>
  Object.fromEntries(entries);

/** [nodes.python] nodes: inline tables { class, module }, some with a key missing, wrong or extra. */
const pythonNodes: fc.Arbitrary<Drawn> = fc.oneof(
  { weight: 1, arbitrary: wrongType('array').map((value) => problem(value, 'nodes.python.nodes')) },
  {
    weight: 6,
    arbitrary: fc
      .array(
        fc.oneof(
          { weight: 1, arbitrary: wrongType('table').map((value) => ({ value, table: false })) },
          {
            weight: 6,
            arbitrary: fc
              .record(
                {
                  class: fc.oneof(
                    { weight: 4, arbitrary: text },
                    { weight: 1, arbitrary: nonEmpty.invalid },
                  ),
                  module: fc.oneof(
                    { weight: 4, arbitrary: text },
                    { weight: 1, arbitrary: nonEmpty.invalid },
                  ),
                  stranger: fc.option(strangerKey, { freq: 6 }),
                },
                { requiredKeys: ['stranger'] },
              )
              .map((node) => ({ value: node, table: true })),
          },
        ),
        { maxLength: 3 },
      )
      .map((items) => {
        const problems: string[] = [];
        if (items.some((item) => !item.table)) problems.push('nodes.python.nodes must be');
        const value = items.map((item, i) => {
          if (!item.table) return item.value;
          const { stranger, ...node } = item.value as Record<string, unknown>;
          const at = `nodes.python.nodes[${i}]`;
          for (const key of ['class', 'module']) {
            if (!(key in node)) problems.push(`${at} needs '${key}'`);
            else if (typeof node[key] !== 'string' || node[key] === '')
              problems.push(`${at}.${key}`);
          }
          if (stranger === null || stranger === 'class' || stranger === 'module') return node;
          problems.push(`unknown key '${stranger}' in ${at}`);
          return tableOf([...Object.entries(node), [stranger as string, 1]]);
        });
        return { value, problems };
      }),
  },
);

const validPythonNodes: fc.Arbitrary<Drawn> = fc
  .array(fc.record({ class: text, module: text }), { maxLength: 3 })
  .map((value) => ({ value, problems: [] }));

function problem(value: unknown, path: string): Drawn {
  return { value, problems: [path] };
}

/** One checked key: absent (undefined), valid, or a near miss the loader must name. */
function keyArb(path: string, nearMisses: boolean): fc.Arbitrary<Drawn> {
  if (path === 'nodes.python.nodes') return nearMisses ? pythonNodes : validPythonNodes;
  const known = KEY_VALUES[path];
  if (known === undefined) throw new Error(`no values for ${path}: add them to KEY_VALUES`);
  if (!nearMisses) return known.valid.map((value) => ({ value, problems: [] }));
  return fc.oneof(
    { weight: 4, arbitrary: known.valid.map((value) => ({ value, problems: [] })) },
    { weight: 1, arbitrary: known.invalid.map((value) => problem(value, path)) },
  );
}

/** A table of `spec` at `path`: some of its keys, maybe a stranger, maybe not a table at all. */
function tableArb(spec: TableSpec, path: string[], nearMisses: boolean): fc.Arbitrary<Drawn> {
  const keys = Object.entries(spec).map(([key, rule]) => {
    const at = [...path, key];
    const arb =
      typeof rule === 'function'
        ? keyArb(at.join('.'), nearMisses)
        : tableArb(rule, at, nearMisses);
    return fc.option(arb, { nil: undefined, freq: 2 }).map((drawn) => [key, drawn] as const);
  });
  const stranger = nearMisses
    ? fc.option(
        fc.tuple(
          strangerKey.filter((key) => !Object.hasOwn(spec, key)),
          fc.constantFrom(1, 'x', { k: 1 }),
        ),
        { freq: 8, nil: undefined },
      )
    : fc.constant(undefined);
  const where = path.length === 0 ? 'at the top level' : `in [${path.join('.')}]`;
  const table = fc.tuple(fc.tuple(...keys), stranger).map(([drawn, extra]) => {
    const entries: [string, unknown][] = [];
    const problems: string[] = [];
    for (const [key, part] of drawn) {
      if (part === undefined) continue;
      entries.push([key, part.value]);
      problems.push(...part.problems);
    }
    if (extra !== undefined) {
      entries.push(extra);
      problems.push(`unknown key '${extra[0]}' ${where}`);
    }
    return { value: tableOf(entries), problems };
  });
  if (path.length === 0 || !nearMisses) return table;
  return fc.oneof(
    { weight: 12, arbitrary: table },
    {
      weight: 1,
      arbitrary: wrongType('table').map((value) =>
        problem(value, `[${path.join('.')}] must be a table`),
      ),
    },
  );
}

/** The problems spanning keys of [registry] (Kafka needs brokers; SASL keys come together). */
function registryProblems(config: Record<string, unknown>): string[] {
  const registry = config.registry as Record<string, unknown> | undefined;
  const kafka = registry?.kafka as Record<string, unknown> | undefined;
  const problems: string[] = [];
  if (registry?.bus === 'kafka' && kafka?.brokers === undefined) {
    problems.push('registry.bus = "kafka" needs [registry.kafka] brokers');
  }
  const sasl = ['sasl_mechanism', 'sasl_username', 'sasl_password_env'];
  const given = sasl.filter((key) => kafka?.[key] !== undefined).length;
  if (given > 0 && given < sasl.length) problems.push('[registry.kafka] SASL needs');
  return problems;
}

/**
 * A whole remotemedia.toml as data, with every problem the loader must report for it: half the
 * draws with valid values only (so whole configs load), half with near misses among them.
 */
export const configArb: fc.Arbitrary<Drawn> = fc
  .oneof(tableArb(configSpec, [], false), tableArb(configSpec, [], true))
  .map(({ value, problems }) => ({
    value,
    problems: [...problems, ...registryProblems(value as Record<string, unknown>)],
  }));

/** Dotted paths of every key the loader checks, from its spec. */
export function checkedKeys(spec: TableSpec = configSpec, path: string[] = []): string[] {
  return Object.entries(spec).flatMap(([key, rule]) =>
    typeof rule === 'function' ? [[...path, key].join('.')] : checkedKeys(rule, [...path, key]),
  );
}

/** Dotted paths that have values here (nodes.python.nodes is drawn by its own arbitrary). */
export const keysWithValues = [...Object.keys(KEY_VALUES), 'nodes.python.nodes'];
