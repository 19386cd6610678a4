// A real nats-server with JetStream on a free loopback port (the registry bridge's test server),
// for `serve`, `registry` and `nodes list --remote`; and a `remotemedia` child process whose
// output can be awaited.
import { type ChildProcess, spawn } from 'node:child_process';
import { bin, packageDir } from './helpers.js';

export { type NatsServer, startNats } from '../../../tools/testing/servers/nats.js';

/** Exit code, once the process has exited and its output streams are read to the end. */
function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('close', (code) => resolve(code)));
}

export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once `text` has appeared on stdout or stderr; rejects if the process exits first. */
  waitFor(text: string): Promise<void>;
  exited: Promise<number | null>;
}

/** Starts `remotemedia <args>` and keeps it running (for `serve` and `registry`). */
export function startCli(
  args: string[],
  cwd = packageDir,
  env: NodeJS.ProcessEnv = {},
): CliProcess {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', ...env },
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of waiters) w();
  };
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    notify();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    notify();
  });
  const done = exited(child);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited: done,
    waitFor: (text) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (out.includes(text) || err.includes(text)) {
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
        check();
        void done.then((code) => {
          if (!(out.includes(text) || err.includes(text))) {
            reject(new Error(`exited (${code}) before printing '${text}':\n${out}\n${err}`));
          }
        });
      }),
  };
}
