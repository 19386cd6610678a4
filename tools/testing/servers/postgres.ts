// A throwaway PostgreSQL cluster (Debian's server binaries): initdb into a temp dir, pg_ctl on a
// free loopback port, password auth. Run as the `postgres` user when the tests run as root
// (postgres refuses root).
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './process.js';

export interface PostgresServer {
  /** Includes the generated password; never print it. */
  url: string;
  stop(): void;
  start(): void;
  /** Freezes every server process (SIGSTOP): connections stay open, nothing answers. */
  pause(): void;
  /** Undoes pause() (SIGCONT). */
  resume(): void;
  destroy(): void;
}

/** Signals the postmaster (first line of postmaster.pid) and its children. */
function signalServer(data: string, signal: NodeJS.Signals): void {
  const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = spawnSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' }).stdout;
  for (const pid of [postmaster, ...children.split('\n').filter(Boolean).map(Number)]) {
    try {
      process.kill(pid, signal);
    } catch (error) {
      // A backend that exited since pgrep listed it.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const fromEnv = process.env.REMOTEMEDIA_PG_BIN;
  if (fromEnv !== undefined) return fromEnv;
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions[0] === undefined) {
    throw new Error(
      'PostgreSQL server binaries not found: apt-get install postgresql (or set REMOTEMEDIA_PG_BIN)',
    );
  }
  return join(root, versions[0], 'bin');
}

function run(bin: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [command, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', bin, ...args]]
    : [bin, args];
  execFileSync(command as string, argv as string[], { stdio: 'pipe', cwd: tmpdir() });
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = binDir();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rm-bridge-pg-'));
  const data = join(dir, 'data');
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`);
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  chmodSync(dir, 0o700);
  run(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'registry',
    '--auth=scram-sha-256',
    `--pwfile=${pwfile}`,
    '-E',
    'UTF8',
  ]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () =>
    run(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  const stop = () => run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  let running = true;
  return {
    url: `postgres://registry:${password}@127.0.0.1:${port}/postgres`,
    start: () => {
      start();
      running = true;
    },
    stop: () => {
      stop();
      running = false;
    },
    pause: () => signalServer(data, 'SIGSTOP'),
    resume: () => signalServer(data, 'SIGCONT'),
    destroy: () => {
      if (running) stop();
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A small pool on a test server; errors of idle clients (the server stopping) are ignored. */
export function poolFor(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  return pool;
}
