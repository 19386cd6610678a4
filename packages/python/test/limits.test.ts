import { afterAll, describe, expect, it } from 'vitest';
import { rejection } from '../../../tools/testing/rejection.js';
import { createPythonRuntime } from '../src/index.js';
import { fixtures, python, recordingLogger } from './helpers.js';

const runtime = createPythonRuntime({
  python,
  paths: [fixtures],
  callTimeoutMs: 2_000,
  logger: recordingLogger(),
});
afterAll(() => runtime.close());

type Answer = { calls: number; pid: number };

describe('frame limits', () => {
  it('rejects a JSON input over the header limit before sending it; the worker lives on', async () => {
    const node = await runtime.create('Faulty', {});
    const before = (await node.process({})) as Answer;
    const error = await rejection(node.process({ blob: 'x'.repeat(2 << 20) }));
    expect(error.code).toBe('ERR_INVALID_INPUT');
    expect(error.message).toContain('Faulty.process');
    expect(error.message).toContain('1 MiB');
    const after = (await node.process({})) as Answer;
    expect(after).toEqual({ calls: before.calls + 1, pid: before.pid });
  });

  it('rejects an input it cannot encode (a cycle) with ERR_INVALID_INPUT and no pending call', async () => {
    const node = await runtime.create('Faulty', {});
    const before = (await node.process({})) as Answer;
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const error = await rejection(node.process(cyclic));
    expect(error.code).toBe('ERR_INVALID_INPUT');
    // Outlive the call timeout: a call registered but never sent would now kill the worker.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(runtime.pids()).toContain(before.pid);
    const after = (await node.process({})) as Answer;
    expect(after).toEqual({ calls: before.calls + 1, pid: before.pid });
  });

  it('fails a call whose reply is over the header limit with ERR_INTERNAL; the worker lives on', async () => {
    const node = await runtime.create('Faulty', {});
    const before = (await node.process({})) as Answer;
    const error = await rejection(node.process({ do: 'huge-reply' }));
    expect(error.code).toBe('ERR_INTERNAL');
    expect(error.message).toContain('1 MiB');
    const after = (await node.process({})) as Answer;
    expect(after).toEqual({ calls: before.calls + 2, pid: before.pid });
  });
});
