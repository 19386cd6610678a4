// A native package's committed nodes.json must equal what its definitions publish at run time.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

interface PublishedDefinition {
  type: string;
  runtime: string;
  metadata: object;
}

/** `nodesJson`: the package's nodes.json; `nodes`: the definitions the package exports. */
export function expectNodesJsonToMatch(
  nodesJson: URL,
  nodes: readonly PublishedDefinition[],
): void {
  const json = JSON.parse(readFileSync(nodesJson, 'utf8'));
  expect(json.nodes).toEqual(
    nodes.map((d) =>
      JSON.parse(JSON.stringify({ type: d.type, runtime: d.runtime, ...d.metadata })),
    ),
  );
}
