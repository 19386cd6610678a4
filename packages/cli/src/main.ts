// The `remotemedia` program: commander wiring and one error format for every command.
import { readFileSync } from 'node:fs';
import { isRemoteMediaError } from '@remotemedia/core';
import { Command, CommanderError } from 'commander';
import { initCommand } from './commands/init.js';
import { nodesCommand } from './commands/nodes.js';
import { registryCommand } from './commands/registry.js';
import { runCommand } from './commands/run.js';
import { serveCommand } from './commands/serve.js';
import { validateCommand } from './commands/validate.js';

const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

export function createProgram(): Command {
  return new Command('remotemedia')
    .description('RemoteMedia: real-time audio pipelines from the command line')
    .version(version)
    .option(
      '-c, --config <file>',
      'remotemedia.toml to use (default: ./remotemedia.toml if present)',
    )
    .showHelpAfterError()
    .exitOverride()
    .addCommand(nodesCommand())
    .addCommand(validateCommand())
    .addCommand(runCommand())
    .addCommand(serveCommand())
    .addCommand(registryCommand())
    .addCommand(initCommand());
}

/** Runs the CLI with `args` (without node and script); resolves with the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  try {
    await createProgram().parseAsync(args, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (isRemoteMediaError(error)) {
      process.stderr.write(`error ${error.code}: ${error.message}\n`);
    } else {
      process.stderr.write(`error: ${(error as Error).stack ?? String(error)}\n`);
    }
    return 1;
  }
}
