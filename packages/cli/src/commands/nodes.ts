// `remotemedia nodes list|info`: what node types exist, from metadata only (no binary is loaded).
import { RemoteMediaError, type Runtime } from '@remotemedia/core';
import { Command, Option } from 'commander';
import type { CatalogEntry } from '../catalog/types.js';
import { loadConfig } from '../config/load-config.js';
import { commandContext } from '../context.js';
import { serversOf } from '../remote/options.js';
import { fetchRemoteListing } from '../remote/remote-nodes.js';
import { paramRows } from '../schema-text.js';

const RUNTIME_TITLES: Record<Runtime, string> = {
  rust: 'Rust nodes',
  ts: 'TypeScript nodes',
  python: 'Python nodes',
};

interface ListRow {
  type: string;
  runtime: Runtime;
  category: string;
  /** Remote listings: the workers serving it. */
  workers?: string[];
}

function matchesCategory(row: ListRow, category: string | undefined): boolean {
  if (category === undefined) return true;
  return row.category === category || row.category.startsWith(`${category}/`);
}

function printList(rows: readonly ListRow[]): void {
  const lines: string[] = [];
  for (const runtime of Object.keys(RUNTIME_TITLES) as Runtime[]) {
    const group = rows.filter((e) => e.runtime === runtime);
    if (group.length === 0) continue;
    if (lines.length > 0) lines.push('');
    lines.push(`${RUNTIME_TITLES[runtime]}:`);
    for (const e of group) {
      const where = e.workers === undefined ? '' : ` on ${e.workers.join(', ')}`;
      lines.push(`  - ${e.type} (${e.category})${where}`);
    }
  }
  if (lines.length === 0) lines.push('No nodes match.');
  process.stdout.write(`${lines.join('\n')}\n`);
}

interface ListOptions {
  json?: boolean;
  category?: string;
  runtime?: Runtime;
  remote?: boolean;
  servers?: string;
}

const selected = (opts: ListOptions) => (row: ListRow) =>
  (opts.runtime === undefined || row.runtime === opts.runtime) &&
  matchesCategory(row, opts.category);

async function listRemote(opts: ListOptions, command: Command): Promise<void> {
  const { config: path } = command.optsWithGlobals<{ config?: string }>();
  const config = await loadConfig(path);
  const listing = await fetchRemoteListing(serversOf(config, opts.servers), config.remote.tls);
  const nodes = listing.nodes.filter(selected(opts));
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ workers: listing.workers, nodes }, null, 2)}\n`);
    return;
  }
  if (listing.workers.length === 0) {
    process.stdout.write('No remote workers (start one with `remotemedia serve`).\n');
    return;
  }
  const workers = listing.workers.map((w) => {
    const tags = Object.entries(w.tags).map(([k, v]) => `${k}=${v}`);
    return `  - ${w.id} (${w.name})${tags.length > 0 ? ` ${tags.join(', ')}` : ''}`;
  });
  process.stdout.write(`Workers:\n${workers.join('\n')}\n\n`);
  printList(nodes);
}

function infoJson(entry: CatalogEntry) {
  const { category, description, params, inputs, outputs } = entry.metadata;
  return {
    type: entry.type,
    runtime: entry.runtime,
    source: entry.source,
    category,
    description,
    params: paramRows(params),
    inputs,
    outputs,
  };
}

function printInfo(entry: CatalogEntry): void {
  const info = infoJson(entry);
  const lines = [
    `${info.type}  (${info.runtime}, ${info.category})  from ${info.source}`,
    `  ${info.description}`,
    '',
    'Params:',
  ];
  if (info.params.length === 0) lines.push('  (none)');
  for (const p of info.params) {
    const flags = [
      p.required ? 'required' : undefined,
      p.default === undefined ? undefined : `default ${JSON.stringify(p.default)}`,
    ].filter((f) => f !== undefined);
    lines.push(`  ${p.name}: ${p.type}${flags.length > 0 ? `  (${flags.join(', ')})` : ''}`);
    if (p.description !== undefined) lines.push(`      ${p.description}`);
  }
  for (const [title, ports] of [
    ['Inputs', info.inputs],
    ['Outputs', info.outputs],
  ] as const) {
    lines.push('', `${title}:`);
    if (ports.length === 0) lines.push('  (none)');
    for (const port of ports) {
      lines.push(`  ${port.name}: ${port.type}${port.description ? `  ${port.description}` : ''}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function nodesCommand(): Command {
  const nodes = new Command('nodes').description('list and inspect the available node types');
  nodes
    .command('list')
    .description('list node types, grouped by runtime')
    .option('--json', 'print JSON')
    .option('--category <category>', "only this category or its sub-categories (e.g. 'audio')")
    .addOption(
      new Option('--runtime <runtime>', 'only this runtime').choices(['rust', 'python', 'ts']),
    )
    .option(
      '--remote',
      "what the running workers serve (from NATS discovery), not this config's nodes",
    )
    .option(
      '--servers <urls>',
      'with --remote: NATS URLs, comma-separated (default: [remote] servers, $REMOTEMEDIA_NATS_URL)',
    )
    .action(async (opts: ListOptions, command: Command) => {
      if (opts.remote) return listRemote(opts, command);
      if (opts.servers !== undefined) {
        throw new RemoteMediaError('ERR_INVALID_PARAM', '--servers only applies with --remote');
      }
      const { catalog } = await commandContext(command);
      try {
        const rows = catalog.entries
          .map((e) => ({
            type: e.type,
            runtime: e.runtime,
            category: e.metadata.category,
            description: e.metadata.description,
            source: e.source,
          }))
          .filter(selected(opts))
          .sort((a, b) => a.type.localeCompare(b.type));
        if (opts.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        else printList(rows);
      } finally {
        await catalog.python?.close();
      }
    });
  nodes
    .command('info')
    .description('show one node type: params, inputs and outputs')
    .argument('<type>', 'node type, e.g. VAD')
    .option('--json', 'print JSON')
    .action(async (type: string, opts: { json?: boolean }, command: Command) => {
      const { catalog } = await commandContext(command);
      try {
        const entry = catalog.entries.find((e) => e.type === type);
        if (entry === undefined) {
          const close = catalog.entries.find((e) => e.type.toLowerCase() === type.toLowerCase());
          const hint = close === undefined ? '' : `; did you mean '${close.type}'?`;
          throw new RemoteMediaError(
            'ERR_NODE_NOT_FOUND',
            `unknown node type '${type}'${hint} (available: ${catalog.entries.map((e) => e.type).join(', ') || 'none'}); see 'remotemedia nodes list'`,
          );
        }
        if (opts.json) process.stdout.write(`${JSON.stringify(infoJson(entry), null, 2)}\n`);
        else printInfo(entry);
      } finally {
        await catalog.python?.close();
      }
    });
  return nodes;
}
