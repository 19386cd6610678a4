// Repo check: no TypeScript module of a package imports itself back at run time through a chain of
// relative imports (a cycle leaves one side's exports undefined while the other loads).
// Type-only imports are erased by the compiler and do not count.
//   node tools/check-import-cycles.mjs [root]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseSync } from 'oxc-parser';

const root = process.argv[2] ?? process.cwd();

function sources(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Relative modules `file` needs at run time (imports and re-exports that are not type-only). */
function runtimeImports(file) {
  const { module } = parseSync(file, readFileSync(file, 'utf8'));
  const requests = [
    ...module.staticImports
      .filter((i) => i.entries.length === 0 || i.entries.some((e) => !e.isType))
      .map((i) => i.moduleRequest.value),
    ...module.staticExports.flatMap((e) =>
      e.entries
        .filter((x) => x.moduleRequest !== null && !x.isType)
        .map((x) => x.moduleRequest.value),
    ),
  ];
  return [...new Set(requests)]
    .filter((request) => request.startsWith('.'))
    .map((request) => resolve(dirname(file), request.replace(/\.js$/, '.ts')));
}

const packages = readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p, 'src'));
const graph = new Map(
  packages.flatMap((dir) => sources(dir)).map((file) => [file, runtimeImports(file)]),
);

// Depth-first search; a module met again while still on the path closes a cycle.
const cycles = [];
const done = new Set();
function visit(file, path) {
  const at = path.indexOf(file);
  if (at !== -1) {
    cycles.push([...path.slice(at), file].map((f) => relative(root, f)));
    return;
  }
  if (done.has(file)) return;
  for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
  done.add(file);
}
for (const file of graph.keys()) visit(file, []);

if (cycles.length > 0) {
  for (const cycle of cycles) console.error(`import cycle: ${cycle.join(' -> ')}`);
  process.exit(1);
}
console.log(`import cycles: none in ${graph.size} modules`);
