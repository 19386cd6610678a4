// Lines of code of a generated node's file, counted as the kit's README states them: rustfmt'd
// source without blank and comment lines, split into the node (everything after the file's
// `use`s) and its test module (from `#[cfg(test)]`).

export interface NodeLines {
  /** The params type, the `#[node]` struct and `impl Node`. */
  node: number;
  /** The `#[cfg(test)]` module. */
  test: number;
  /** The whole file, with its imports. */
  file: number;
}

const isCode = (line: string) => line.trim() !== '' && !line.trim().startsWith('//');

export function countNodeLines(source: string): NodeLines {
  const lines = source.split('\n').filter(isCode);
  const testStart = lines.indexOf('#[cfg(test)]');
  const nodeStart = lines.findIndex((line) => !line.startsWith('use '));
  if (testStart < 0 || nodeStart < 0) {
    throw new Error('expected the node and a `#[cfg(test)]` module in the node file');
  }
  return {
    node: testStart - nodeStart,
    test: lines.length - testStart,
    file: lines.length,
  };
}
