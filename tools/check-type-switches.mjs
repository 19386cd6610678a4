// Repo check: node types are looked up through the registry, never switched on by name. Fails
// when code outside the registry compares against a registered node type name in a `switch`,
// an `if`/ternary (`x === 'VAD'`), or a Rust `match` arm ("VAD" =>).
//   node tools/check-type-switches.mjs [root]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseSync, Visitor } from 'oxc-parser';

const root = process.argv[2] ?? process.cwd();
// The registry itself is where a type name is resolved.
const allowed = new Set(['packages/core/src/registry.ts', 'packages/core/src/registry-builder.ts']);
const skipDirs = new Set([
  'node_modules',
  'dist',
  'target',
  '.nx',
  '.reports',
  'test',
  'tests',
  'bench',
  '.addon',
]);

function walk(dir, extensions, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (skipDirs.has(name) || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, extensions, out);
    else if (extensions.some((e) => name.endsWith(e)) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const jsFiles = ['packages', 'examples', 'tools'].flatMap((d) =>
  walk(join(root, d), ['.ts', '.mts', '.js', '.mjs']),
);
const rustFiles = walk(join(root, 'crates'), ['.rs']);

// Registered type names: every nodes.json, plus definitions written in code ({ type, runtime }).
const typeNames = new Set();
for (const pkg of walk(join(root, 'packages'), ['nodes.json'])) {
  for (const node of JSON.parse(readFileSync(pkg, 'utf8')).nodes ?? []) typeNames.add(node.type);
}
const parsed = jsFiles.map((file) => ({
  file,
  result: parseSync(file, readFileSync(file, 'utf8')),
}));
const literal = (node) =>
  node?.type === 'Literal' && typeof node.value === 'string' ? node.value : undefined;
for (const { result } of parsed) {
  new Visitor({
    ObjectExpression(object) {
      const key = (p) => p.type === 'Property' && (p.key.name ?? p.key.value);
      const type = object.properties.find((p) => key(p) === 'type');
      const hasRuntime = object.properties.some((p) => key(p) === 'runtime');
      if (hasRuntime && literal(type?.value) !== undefined) typeNames.add(literal(type.value));
    },
  }).visit(result.program);
}

const problems = [];
const lineOf = (text, offset) => text.slice(0, offset).split('\n').length;
for (const { file, result } of parsed) {
  const rel = relative(root, file);
  if (allowed.has(rel)) continue;
  const text = readFileSync(file, 'utf8');
  for (const e of result.errors) problems.push(`${rel}: cannot parse: ${e.message}`);
  const report = (node, name, how) =>
    problems.push(`${rel}:${lineOf(text, node.start)}: ${how} on node type '${name}'`);
  new Visitor({
    SwitchCase(node) {
      const name = literal(node.test);
      if (name !== undefined && typeNames.has(name)) report(node, name, 'switch case');
    },
    BinaryExpression(node) {
      if (!['===', '==', '!==', '!='].includes(node.operator)) return;
      for (const side of [node.left, node.right]) {
        const name = literal(side);
        if (name !== undefined && typeNames.has(name))
          report(node, name, `comparison (${node.operator})`);
      }
    },
  }).visit(result.program);
}
const arm = /"([A-Za-z][A-Za-z0-9_]*)"\s*(?:\|\s*"[^"]*"\s*)*(?:if\s[^=]*)?=>/g;
for (const file of rustFiles) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(arm)) {
    if (typeNames.has(m[1])) {
      problems.push(
        `${relative(root, file)}:${lineOf(text, m.index)}: match arm on node type '${m[1]}'`,
      );
    }
  }
}

if (problems.length > 0) {
  console.error(
    `${problems.length} place(s) switch on node type names; look the type up in the registry instead:\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(
  `check-type-switches: ${jsFiles.length + rustFiles.length} files, ${typeNames.size} node types, no switch on type names`,
);
