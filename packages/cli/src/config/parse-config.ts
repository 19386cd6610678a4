// Parses and checks remotemedia.toml. Every problem is reported at once, each with its line, and
// unknown keys are errors (a typo must not silently load nothing).
import { dirname, resolve } from 'node:path';
import { RemoteMediaError } from '@remotemedia/errors';
import { parse, TomlError } from 'smol-toml';
import {
  integerIn,
  isTable,
  nonEmptyString,
  ruleOf,
  stringList,
  stringTable,
  type TableSpec,
} from './checks.js';
import { liveConfig, liveSpec } from './live-table.js';
import { resolveExecutable } from './python-executable.js';
import { registryConfig, registryProblems, registrySpec } from './registry-table.js';
import { tlsConfig, tlsSpec } from './tls-table.js';
import { lineOf } from './toml-lines.js';
import { DEFAULT_NATIVE_PACKAGES, type PythonNodeRef, type RemoteMediaConfig } from './types.js';

const pythonNodeKeys = { class: nonEmptyString, module: nonEmptyString };

/** Every table and key remotemedia.toml may have, with the check of each value. */
export const configSpec: TableSpec = {
  nodes: {
    native: { packages: stringList, plugin_dirs: stringList },
    python: {
      module_paths: stringList,
      nodes: (v) =>
        Array.isArray(v) && v.every(isTable)
          ? undefined
          : 'must be an array of inline tables { class, module }',
    },
  },
  python: { executable: nonEmptyString, workers: integerIn(1, 64) },
  remote: { servers: stringList, name: nonEmptyString, tags: stringTable, tls: tlsSpec },
  registry: registrySpec,
  live: liveSpec,
};

interface Issue {
  path: string[];
  message: string;
}

function checkTable(value: unknown, table: TableSpec, path: string[], issues: Issue[]): void {
  if (!isTable(value)) {
    issues.push({ path, message: `[${path.join('.')}] must be a table` });
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const rule = ruleOf(table, key);
    const at = [...path, key];
    if (rule === undefined) {
      const where = path.length === 0 ? 'at the top level' : `in [${path.join('.')}]`;
      issues.push({
        path: at,
        message: `unknown key '${key}' ${where}; allowed: ${Object.keys(table).join(', ')}`,
      });
    } else if (typeof rule === 'function') {
      const problem = rule(child);
      if (problem !== undefined) issues.push({ path: at, message: `${at.join('.')} ${problem}` });
    } else {
      checkTable(child, rule, at, issues);
    }
  }
}

function checkPythonNodes(nodes: unknown, issues: Issue[]): void {
  if (!Array.isArray(nodes)) return;
  nodes.forEach((node, i) => {
    if (!isTable(node)) return;
    const path = ['nodes', 'python', 'nodes', String(i)];
    for (const [key, value] of Object.entries(node)) {
      const rule = ruleOf(pythonNodeKeys, key);
      if (rule === undefined) {
        issues.push({
          path: [...path, key],
          message: `unknown key '${key}' in nodes.python.nodes[${i}]; allowed: class, module`,
        });
      } else {
        const problem = rule(value);
        if (problem !== undefined) {
          issues.push({
            path: [...path, key],
            message: `nodes.python.nodes[${i}].${key} ${problem}`,
          });
        }
      }
    }
    for (const key of Object.keys(pythonNodeKeys)) {
      if (!Object.hasOwn(node, key)) {
        issues.push({ path, message: `nodes.python.nodes[${i}] needs '${key}'` });
      }
    }
  });
}

type Tables = Record<string, Record<string, Record<string, unknown>>>;

/**
 * Parses remotemedia.toml text. Relative paths resolve against the file's folder.
 *
 * @throws RemoteMediaError ERR_INVALID_PARAM listing every problem as `file:line: message`
 */
export function parseConfig(text: string, file: string): RemoteMediaConfig {
  let data: Record<string, unknown>;
  try {
    data = parse(text) as Record<string, unknown>;
  } catch (error) {
    const line = error instanceof TomlError ? `:${error.line}` : '';
    const reason = (error as Error).message.split('\n')[0];
    throw new RemoteMediaError('ERR_INVALID_PARAM', `${file}${line}: invalid TOML: ${reason}`, {
      cause: error,
    });
  }
  const issues: Issue[] = [];
  checkTable(data, configSpec, [], issues);
  const t = data as Tables;
  checkPythonNodes(t.nodes?.python?.nodes, issues);
  issues.push(...registryProblems(t.registry));
  if (issues.length > 0) {
    const lines = issues.map((i) => `${file}:${lineOf(text, i.path) ?? 1}: ${i.message}`);
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `${file} has ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n  ${lines.join('\n  ')}`,
    );
  }
  const base = dirname(resolve(file));
  const paths = (v: unknown) => ((v as string[] | undefined) ?? []).map((p) => resolve(base, p));
  return {
    source: resolve(file),
    native: {
      packages: (t.nodes?.native?.packages as string[] | undefined) ?? [...DEFAULT_NATIVE_PACKAGES],
      pluginDirs: paths(t.nodes?.native?.plugin_dirs),
    },
    python: {
      modulePaths: paths(t.nodes?.python?.module_paths),
      nodes: (t.nodes?.python?.nodes as PythonNodeRef[] | undefined) ?? [],
      executable: resolveExecutable(t.python?.executable as string | undefined, base),
      workers: Number(t.python?.workers ?? 1),
    },
    remote: {
      servers: (t.remote?.servers as string[] | undefined) ?? [],
      name: t.remote?.name as string | undefined,
      tags: { ...(t.remote?.tags as Record<string, string> | undefined) },
      tls: tlsConfig(t.remote?.tls as Record<string, unknown> | undefined, (p) => resolve(base, p)),
    },
    registry: registryConfig(t.registry),
    live: liveConfig(t.live, (p) => resolve(base, p)),
  };
}

/** The configuration used when there is no remotemedia.toml: the bundled native packages. */
export function defaultConfig(): RemoteMediaConfig {
  return {
    source: undefined,
    native: { packages: [...DEFAULT_NATIVE_PACKAGES], pluginDirs: [] },
    python: { modulePaths: [], nodes: [], executable: undefined, workers: 1 },
    remote: { servers: [], name: undefined, tags: {}, tls: undefined },
    registry: registryConfig(),
    live: liveConfig({}, (p) => p),
  };
}
