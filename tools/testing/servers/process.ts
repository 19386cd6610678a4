// Shared bits of the throwaway servers: free loopback ports, waiting for a port, stopping a child.
import type { ChildProcess } from 'node:child_process';
import { createServer, Socket } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** `count` distinct free ports (held open together while chosen, so none repeats). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  const ports = await Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((resolve, reject) => {
          server.on('error', reject);
          server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
        }),
    ),
  );
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

export async function waitForPort(port: number, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/**
 * Starts a server child on a free port and waits until it listens. A port found free can be taken
 * before the child binds it (by another test's connection): a child that exits before listening
 * is started again on another port, up to `attempts` times.
 */
export async function spawnListening(
  start: (port: number) => ChildProcess,
  what: string,
  { timeoutMs = 10_000, attempts = 3 } = {},
): Promise<{ child: ChildProcess; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = start(port);
    const exited = new Promise<'exited'>((resolve) => child.once('exit', () => resolve('exited')));
    const listening = waitForPort(port, timeoutMs, what).then(
      // Still running a moment later: the listener is this child, not one that held the port.
      () => new Promise<'listening'>((resolve) => setTimeout(() => resolve('listening'), 100)),
    );
    const outcome = await Promise.race([listening, exited]).catch((error: unknown) => {
      void stopChild(child, 'SIGKILL');
      throw error;
    });
    if (outcome === 'listening' && child.exitCode === null && child.signalCode === null) {
      return { child, port };
    }
    await stopChild(child, 'SIGKILL');
    if (attempt >= attempts) {
      throw new Error(`${what} exited before listening, ${attempts} times (last port ${port})`);
    }
  }
}
