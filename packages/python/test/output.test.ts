// Worker output that is not neat lines: one huge line, and carriage-return progress updates.
import { afterAll, describe, expect, it } from 'vitest';
import { createPythonRuntime } from '../src/index.js';
import { fixtures, python, recordingLogger } from './helpers.js';

const logger = recordingLogger();
const runtime = createPythonRuntime({ python, paths: [fixtures], logger });
afterAll(() => runtime.close());

const stderrLines = (pid: number) =>
  logger.lines
    .filter((l) => l.level === 'warn' && l.fields?.worker === pid)
    .map((l) => l.message.replace(/^python: /, ''));

describe('worker output', () => {
  it('forwards a 1 MiB line in bounded pieces, all of it', async () => {
    const node = await runtime.create('Faulty', {});
    const { pid } = (await node.process({ do: 'long-stderr' })) as { pid: number };
    await expect.poll(() => stderrLines(pid).reduce((n, line) => n + line.length, 0)).toBe(1 << 20);
    const lines = stderrLines(pid);
    expect(lines.join('')).toBe('y'.repeat(1 << 20));
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(8192);
  });

  it('forwards each carriage-return progress update as its own line', async () => {
    const node = await runtime.create('Faulty', {});
    const { pid } = (await node.process({ do: 'progress' })) as { pid: number };
    const progress = () => stderrLines(pid).filter((line) => line.includes('loading'));
    await expect.poll(() => progress().join('|')).toContain('loading 3/3');
    expect(progress()).toEqual(['loading 1/3', 'loading 2/3', 'loading 3/3']);
  });
});
