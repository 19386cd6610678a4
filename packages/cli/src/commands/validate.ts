// `remotemedia validate <manifest>`: every problem with its path; exit code 1 when there are any.
import { loadManifest, validateManifest } from '@remotemedia/core';
import { Command } from 'commander';
import { commandContext } from '../context.js';
import { registryFromCatalog } from '../registry-from-config.js';

export function validateCommand(): Command {
  return new Command('validate')
    .description('check a pipeline manifest (JSON or YAML) against the available nodes')
    .argument('<manifest>', 'manifest file')
    .option('--json', 'print the result as JSON { ok, errors: [{ path, code, message }] }')
    .action(async (file: string, opts: { json?: boolean }, command: Command) => {
      const manifest = await loadManifest(file);
      const { catalog } = await commandContext(command, { python: false });
      const result = validateManifest(manifest, registryFromCatalog(catalog));
      if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else if (result.ok) {
        const nodes = manifest.nodes?.length ?? 0;
        const connections = manifest.connections?.length ?? 0;
        process.stdout.write(`${file} is valid: ${nodes} nodes, ${connections} connections\n`);
      } else {
        const count = result.errors.length;
        const lines = result.errors.map((e) => `  ${e.path}: ${e.message} [${e.code}]`);
        process.stderr.write(
          `${file} has ${count} problem${count === 1 ? '' : 's'}:\n${lines.join('\n')}\n`,
        );
      }
      if (!result.ok) process.exitCode = 1;
    });
}
