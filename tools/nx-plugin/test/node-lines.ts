// Lines of code of a generated node crate's lib.rs, counted as the kit's README states them:
// rustfmt'd source without blank and comment lines, split into the node (everything after the
// crate's `use`s and `node_set()`) and its test module (from `#[cfg(test)]`).

export interface NodeLines {
  /** The params type, the `#[node]` struct and `impl Node`. */
  node: number;
  /** The `#[cfg(test)]` module. */
  test: number;
  /** The whole file, with the crate's imports and `node_set()`. */
  file: number;
}

const isCode = (line: string) => line.trim() !== '' && !line.trim().startsWith('//');

export function countNodeLines(source: string): NodeLines {
  const lines = source.split('\n').filter(isCode);
  const testStart = lines.indexOf('#[cfg(test)]');
  const nodeSetStart = lines.findIndex((line) => line.startsWith('pub fn node_set()'));
  if (testStart < 0 || nodeSetStart < 0) {
    throw new Error('expected `pub fn node_set()` and a `#[cfg(test)]` module in lib.rs');
  }
  // rustfmt closes a top-level fn with a `}` alone at column 0.
  const nodeStart = lines.indexOf('}', nodeSetStart) + 1;
  return {
    node: testStart - nodeStart,
    test: lines.length - testStart,
    file: lines.length,
  };
}
