// Python nodes from [nodes.python]: their metadata comes from the workers' handshake through the
// @remotemedia/python bridge, loaded only when the config names Python nodes.
import type { PythonRuntimeProvider } from '@remotemedia/core';
import { pythonExecutable } from '../config/python-executable.js';
import type { RemoteMediaConfig } from '../config/types.js';

interface PythonBridge {
  createPythonRuntime(options: {
    python: string;
    modules: string[];
    paths: string[];
    workersPerType: number;
    builtins: boolean;
  }): PythonRuntimeProvider;
}

export function wantsPython(config: RemoteMediaConfig): boolean {
  return config.python.nodes.length > 0 || config.python.modulePaths.length > 0;
}

/**
 * Starts the Python runtime the config describes, or says why it cannot (`problem`); `warning`
 * says when the configured executable was replaced by a fallback.
 */
export async function pythonRuntime(
  config: RemoteMediaConfig,
): Promise<{ provider?: PythonRuntimeProvider; problem?: string; warning?: string }> {
  // A variable specifier: the bridge is optional, and the CLI works without it.
  const bridgeName = '@remotemedia/python';
  let bridge: Partial<PythonBridge>;
  try {
    bridge = (await import(bridgeName)) as Partial<PythonBridge>;
  } catch (error) {
    return {
      problem: `the Python bridge ${bridgeName} is not installed (npm install ${bridgeName}): ${(error as Error).message.split('\n')[0]}`,
    };
  }
  if (typeof bridge.createPythonRuntime !== 'function') {
    return { problem: `${bridgeName} does not export createPythonRuntime; update it` };
  }
  const python = pythonExecutable(config);
  const provider = bridge.createPythonRuntime({
    python: python.executable,
    modules: [...new Set(config.python.nodes.map((n) => n.module))],
    paths: config.python.modulePaths,
    workersPerType: config.python.workers,
    builtins: false,
  });
  const named = onlyNamed(provider, new Set(config.python.nodes.map((n) => n.class)));
  return python.problem === undefined
    ? { provider: named }
    : { provider: named, warning: python.problem };
}

/**
 * The provider limited to the classes the config names (a module often defines more), so that
 * `run` and `serve` offer what the config lists; everything the workers serve when it names none.
 */
function onlyNamed(provider: PythonRuntimeProvider, named: Set<string>): PythonRuntimeProvider {
  if (named.size === 0) return provider;
  return {
    definitions: async () => (await provider.definitions()).filter((d) => named.has(d.type)),
    create: (type, params) => provider.create(type, params),
    close: () => provider.close(),
  };
}
