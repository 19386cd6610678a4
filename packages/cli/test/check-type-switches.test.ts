// The repo check tools/check-type-switches.mjs, run on small fake repositories.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const script = fileURLToPath(new URL('../../../tools/check-type-switches.mjs', import.meta.url));

function repo(files: Record<string, string>): string {
  const root = tempDir();
  const nodes = { nodes: [{ type: 'VAD', runtime: 'rust' }] };
  files['packages/node-vad/nodes.json'] = JSON.stringify(nodes);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const check = (root: string) => spawnSync(process.execPath, [script, root], { encoding: 'utf8' });

describe('check-type-switches', () => {
  it('fails on switch cases, comparisons and Rust match arms naming node types', () => {
    const root = repo({
      'packages/app/src/a.ts':
        "export function f(t: string) {\n  switch (t) {\n    case 'VAD':\n      return 1;\n  }\n  return 0;\n}\n",
      'examples/x/b.mjs':
        "export const g = (n) => (n.type === 'Gate' ? 1 : 0);\nexport const Gate = { type: 'Gate', runtime: 'ts' };\n",
      'crates/x/src/lib.rs':
        'fn f(t: &str) -> u8 {\n    match t {\n        "VAD" => 1,\n        _ => 0,\n    }\n}\n',
    });
    const r = check(root);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("packages/app/src/a.ts:3: switch case on node type 'VAD'");
    expect(r.stderr).toContain("examples/x/b.mjs:1: comparison (===) on node type 'Gate'");
    expect(r.stderr).toContain("crates/x/src/lib.rs:3: match arm on node type 'VAD'");
  });

  it('passes lookups through the registry and comparisons on other strings', () => {
    const root = repo({
      'packages/app/src/a.ts':
        "export const f = (r: { createNode(t: string): void }, e: { type: string }) => {\n  r.createNode('VAD');\n  return e.type === 'speechEnd';\n};\n",
      'packages/core/src/registry.ts': "export const own = (t: string) => t === 'VAD';\n",
    });
    const r = check(root);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
