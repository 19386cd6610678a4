// Python nodes from [nodes.python]: their metadata comes from the workers' handshake through the
// @remotemedia/python bridge, loaded only when the config names Python nodes.
import type { NodeDefinition, PythonRuntimeProvider } from '@remotemedia/core';
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

/** Starts the Python runtime the config describes, or says why it cannot. */
export async function pythonRuntime(
  config: RemoteMediaConfig,
): Promise<{ provider?: PythonRuntimeProvider; problem?: string }> {
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
  const provider = bridge.createPythonRuntime({
    python: config.python.executable,
    modules: [...new Set(config.python.nodes.map((n) => n.module))],
    paths: config.python.modulePaths,
    workersPerType: config.python.workers,
    builtins: false,
  });
  return { provider };
}

/** The definitions the workers announce, limited to the classes the config names (if any). */
export async function pythonDefinitions(
  config: RemoteMediaConfig,
  provider: PythonRuntimeProvider,
): Promise<readonly NodeDefinition[]> {
  const named = new Set(config.python.nodes.map((n) => n.class));
  const all = await provider.definitions();
  return named.size === 0 ? all : all.filter((d) => named.has(d.type));
}
