// Finds the line of a key in TOML source. smol-toml gives values without positions, so config
// errors locate their key here: table headers, dotted keys, and keys inside inline tables.

interface KeyLine {
  /** Full key path (table + key), without array indices. */
  path: string[];
  line: number;
}

const bare = /^[A-Za-z0-9_-]+/;

/** Splits `a."b.c".d` into its parts. */
function splitKey(text: string): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > 0) {
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      const end = rest.indexOf(quote, 1);
      parts.push(rest.slice(1, end < 0 ? undefined : end));
      rest = end < 0 ? '' : rest.slice(end + 1);
    } else {
      const m = bare.exec(rest);
      if (m === null) break;
      parts.push(m[0]);
      rest = rest.slice(m[0].length);
    }
    rest = rest.replace(/^\s*\.\s*/, '');
  }
  return parts;
}

function keyLines(source: string): KeyLine[] {
  const out: KeyLine[] = [];
  let table: string[] = [];
  source.split(/\r?\n/).forEach((raw, i) => {
    const text = raw.trim();
    const header = /^\[\[?([^\]]+)\]\]?/.exec(text);
    if (header?.[1] !== undefined) {
      table = splitKey(header[1]);
      out.push({ path: table, line: i + 1 });
      return;
    }
    const assignment =
      /^((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=/.exec(
        text,
      );
    if (assignment?.[1] !== undefined) {
      out.push({ path: [...table, ...splitKey(assignment[1])], line: i + 1 });
    }
  });
  return out;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Line (1-based) where `path` (e.g. ['nodes', 'python', 'nodes', '1', 'module']) is written, or of
 * the first key written inside it, or of its closest written ancestor. An index selects the n-th
 * inline table of an array.
 */
export function lineOf(source: string, path: readonly string[]): number | undefined {
  const lines = keyLines(source);
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((p, i) => p === b[i]);
  const keysOf = (parts: readonly string[]) => parts.filter((p) => !/^\d+$/.test(p));
  const indexed = path.some((p) => /^\d+$/.test(p));
  const exact = lines.find((k) => same(k.path, keysOf(path)) && !indexed);
  if (exact !== undefined) return exact.line;
  // A table only its sub-tables define ([a.b.c] defines a.b): the first of them.
  const within = lines.find((k) => !indexed && same(k.path.slice(0, path.length), path));
  if (within !== undefined) return within.line;
  // Inside an inline table or an array of them: walk the text from the parent key.
  for (let n = path.length - 1; n > 0; n--) {
    if (/^\d+$/.test(path[n - 1] as string)) continue;
    const parent = lines.find((k) => same(k.path, keysOf(path.slice(0, n))));
    if (parent === undefined) continue;
    const lineStarts = [0];
    for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
    // keyLines and lineStarts split at the same '\n's: every key's line has a start.
    let offset = lineStarts[parent.line - 1] as number;
    for (const part of path.slice(n)) {
      if (/^\d+$/.test(part)) {
        for (let k = 0; k <= Number(part) && offset >= 0; k++) {
          offset = source.indexOf('{', k === 0 ? offset : offset + 1);
        }
      } else {
        const found = new RegExp(`(^|[{,\\s])["']?${escapeRegExp(part)}["']?\\s*=`).exec(
          source.slice(offset),
        );
        if (found === null) break;
        offset += found.index + found[0].length - 1;
      }
      if (offset < 0) return parent.line;
    }
    return lineStarts.filter((start) => start <= offset).length;
  }
  return undefined;
}
