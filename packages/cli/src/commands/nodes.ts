// `remotemedia nodes list|info`: what node types exist, from metadata only (no binary is loaded).
import { RemoteMediaError, type Runtime } from '@remotemedia/core';
import { Command, Option } from 'commander';
import type { CatalogEntry } from '../catalog/types.js';
import { commandContext } from '../context.js';
import { paramRows } from '../schema-text.js';

const RUNTIME_TITLES: Record<Runtime, string> = {
  rust: 'Rust nodes',
  ts: 'TypeScript nodes',
  python: 'Python nodes',
};

function matchesCategory(entry: CatalogEntry, category: string | undefined): boolean {
  if (category === undefined) return true;
  const c = entry.metadata.category;
  return c === category || c.startsWith(`${category}/`);
}

function printList(entries: CatalogEntry[]): void {
  const lines: string[] = [];
  for (const runtime of Object.keys(RUNTIME_TITLES) as Runtime[]) {
    const group = entries.filter((e) => e.runtime === runtime);
    if (group.length === 0) continue;
    if (lines.length > 0) lines.push('');
    lines.push(`${RUNTIME_TITLES[runtime]}:`);
    for (const e of group) lines.push(`  - ${e.type} (${e.metadata.category})`);
  }
  if (lines.length === 0) lines.push('No nodes match.');
  process.stdout.write(`${lines.join('\n')}\n`);
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
    .action(
      async (opts: { json?: boolean; category?: string; runtime?: Runtime }, command: Command) => {
        const { catalog } = await commandContext(command);
        try {
          const entries = catalog.entries
            .filter((e) => opts.runtime === undefined || e.runtime === opts.runtime)
            .filter((e) => matchesCategory(e, opts.category))
            .sort((a, b) => a.type.localeCompare(b.type));
          if (opts.json) {
            const rows = entries.map((e) => ({
              type: e.type,
              runtime: e.runtime,
              category: e.metadata.category,
              description: e.metadata.description,
              source: e.source,
            }));
            process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          } else printList(entries);
        } finally {
          await catalog.python?.close();
        }
      },
    );
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
