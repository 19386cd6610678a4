// Repo check: every pending changeset parses as `changeset version` will read it, and names only
// public packages of this workspace with a valid bump. A changeset whose front matter a formatter
// broke would otherwise be found only by the release job.
//   node tools/check-changesets.mjs [root]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import readChangesets from '@changesets/read';

const root = process.argv[2] ?? process.cwd();
const publicPackages = new Set(
  readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) =>
      JSON.parse(readFileSync(join(root, 'packages', entry.name, 'package.json'), 'utf8')),
    )
    .filter((pkg) => !pkg.private)
    .map((pkg) => pkg.name),
);

let changesets;
try {
  changesets = await readChangesets(root);
} catch (error) {
  console.error(`check-changesets: ${error.message}`);
  process.exit(1);
}
const problems = [];
for (const { id, releases, summary } of changesets) {
  if (releases.length === 0) problems.push(`.changeset/${id}.md names no package`);
  if (!summary.trim()) problems.push(`.changeset/${id}.md has no summary`);
  for (const { name, type } of releases) {
    if (!publicPackages.has(name)) {
      problems.push(`.changeset/${id}.md: ${name} is not a public package of this workspace`);
    }
    if (!['major', 'minor', 'patch'].includes(type)) {
      problems.push(`.changeset/${id}.md: ${name} has bump '${type}' (major, minor or patch)`);
    }
  }
}
if (problems.length > 0) {
  console.error(`check-changesets:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `check-changesets: ${changesets.length} changesets, all parse and name public packages`,
);
