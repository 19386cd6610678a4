// Worker failures: hang, SIGKILL, exit, a malformed frame; restart; shutdown without orphans.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rejection } from '../../../tools/testing/rejection.js';
import { createPythonRuntime, type PythonRuntimeOptions } from '../src/index.js';
import { fixtures, processState, python, recordingLogger } from './helpers.js';

/** A runtime over the test fixtures (the Faulty node among them). */
function fixtureRuntime(options: PythonRuntimeOptions) {
  return createPythonRuntime({ python, paths: [fixtures], logger: recordingLogger(), ...options });
}

/** Runs `test` on a fixture runtime, then closes it whatever happened. */
async function withFixtureRuntime(
  options: PythonRuntimeOptions,
  test: (runtime: ReturnType<typeof fixtureRuntime>) => Promise<void>,
): Promise<void> {
  const runtime = fixtureRuntime(options);
  try {
    await test(runtime);
  } finally {
    await runtime.close();
  }
}

type Answer = { calls: number; pid: number };

describe('supervision', () => {
  it.each([
    ['sigkill', 'ERR_WORKER_CRASHED', 'was killed by SIGKILL'],
    ['exit', 'ERR_WORKER_CRASHED', 'about to exit with code 7'],
    ['garbage', 'ERR_TRANSPORT', 'malformed frame from the Python worker'],
  ])(
    'fails the call in flight when the worker does %s, then restarts it',
    async (action, code, text) => {
      await withFixtureRuntime({ callTimeoutMs: 30_000 }, async (runtime) => {
        const node = await runtime.create('Faulty', {});
        const before = (await node.process({})) as Answer;
        const error = await rejection(node.process({ do: action }));
        expect(error.code).toBe(code);
        expect(error.retryable).toBe(true);
        expect(error.message).toContain('Faulty.process failed');
        expect(error.message).toContain(text);
        const after = (await node.process({})) as Answer;
        expect(after.pid).not.toBe(before.pid);
        expect(after.calls).toBe(1); // a fresh instance on the new worker
        expect(processState(before.pid)).not.toBe('running');
      });
    },
  );

  it('times out a hung call with ERR_TIMEOUT, fails its neighbours, and replaces the worker', async () => {
    await withFixtureRuntime({ callTimeoutMs: 2_000 }, async (runtime) => {
      const node = await runtime.create('Faulty', {});
      const before = (await node.process({})) as Answer;
      const [hung, queued] = await Promise.all([
        rejection(node.process({ do: 'hang' })),
        rejection(node.process({})),
      ]);
      expect(hung.code).toBe('ERR_TIMEOUT');
      expect(hung.message).toContain('Faulty.process did not answer within 2000 ms');
      expect(queued.code).toBe('ERR_WORKER_CRASHED');
      expect(queued.message).toContain('hung for 2000 ms');
      const after = (await node.process({})) as Answer;
      expect(after.pid).not.toBe(before.pid);
      await expect.poll(() => processState(before.pid)).not.toBe('running');
    });
  });

  it('closes a node whose worker crashed without starting a new worker', async () => {
    await withFixtureRuntime({ callTimeoutMs: 30_000 }, async (runtime) => {
      const node = await runtime.create('Faulty', {});
      const { pid } = (await node.process({})) as Answer;
      await rejection(node.process({ do: 'sigkill' }));
      await node.close();
      expect(runtime.pids()).toEqual([]);
      expect(processState(pid)).not.toBe('running');
      const other = await runtime.create('Faulty', {});
      expect(((await other.process({})) as Answer).calls).toBe(1);
    });
  });

  it('refuses a timeout too large for a timer, which would time every call out at once', async () => {
    expect(() => fixtureRuntime({ callTimeoutMs: 2 ** 32 })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_PARAM' }),
    );
    await withFixtureRuntime({ callTimeoutMs: 2 ** 31 - 1 }, async (runtime) => {
      const node = await runtime.create('Faulty', {});
      expect(((await node.process({})) as Answer).calls).toBe(1);
    });
  });

  it('fails create with the reason when the executable does not exist', async () => {
    const runtime = createPythonRuntime({
      python: '/nonexistent/bin/python',
      logger: recordingLogger(),
    });
    const error = await rejection(runtime.definitions());
    expect(error.code).toBe('ERR_WORKER_CRASHED');
    expect(error.message).toContain("'/nonexistent/bin/python'");
    await runtime.close();
  });

  it('runs two workers for one type when asked and spreads instances over them', async () => {
    await withFixtureRuntime({ workersPerType: 2 }, async (runtime) => {
      const a = await runtime.create('Faulty', {});
      const b = await runtime.create('Faulty', {});
      const pa = ((await a.process({})) as Answer).pid;
      const pb = ((await b.process({})) as Answer).pid;
      expect(pa).not.toBe(pb);
      expect(runtime.pids().sort()).toEqual([pa, pb].sort());
    });
  });

  it('close() stops and reaps every worker, is idempotent, and later calls get ERR_CLOSED', async () => {
    const runtime = fixtureRuntime({ workersPerType: 2 });
    const nodes = await Promise.all([
      runtime.create('Faulty', {}),
      runtime.create('Faulty', {}),
      runtime.create('PyGain', {}),
    ]);
    const pids = runtime.pids();
    expect(pids.length).toBe(3);
    await runtime.close();
    await runtime.close();
    for (const pid of pids) expect(processState(pid)).toBe('absent');
    expect((await rejection(nodes[0].process({}))).code).toBe('ERR_CLOSED');
    expect((await rejection(runtime.create('PyGain', {}))).code).toBe('ERR_CLOSED');
  });

  it.each(['SIGTERM', 'SIGINT', 'SIGKILL'] as const)(
    'leaves no worker running when the Node process gets %s',
    async (signal) => {
      const host = spawn(
        process.execPath,
        [fileURLToPath(new URL('./fixtures/host.mjs', import.meta.url))],
        {
          env: { ...process.env, REMOTEMEDIA_PYTHON: python, FIXTURES: fixtures },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      const pids = await new Promise<number[]>((resolve, reject) => {
        host.stdout.once('data', (chunk: Buffer) =>
          resolve(JSON.parse(chunk.toString()) as number[]),
        );
        host.once('exit', (code) => reject(new Error(`host exited early with ${code}`)));
      });
      expect(pids.length).toBe(2);
      for (const pid of pids) expect(processState(pid)).toBe('running');
      const exited = new Promise((resolve) => host.once('exit', resolve));
      host.kill(signal);
      await exited;
      for (const pid of pids)
        await expect.poll(() => processState(pid), { timeout: 5_000 }).not.toBe('running');
    },
  );
});
