// What the install tests publish and install: the workspace's public packages in dependency
// order, what a user installs, and a PATH on which nothing can compile Rust.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = fileURLToPath(new URL('../..', import.meta.url));

export interface WorkspacePackage {
  dir: string;
  name: string;
  private?: boolean;
  napi?: unknown;
  dependencies?: Record<string, string>;
  scripts?: Record<string, string>;
}

/** Public workspace packages, dependencies before dependents. */
export function publicPackages(): WorkspacePackage[] {
  const all: WorkspacePackage[] = readdirSync(join(repo, 'packages')).map((d) => ({
    dir: join(repo, 'packages', d),
    ...JSON.parse(readFileSync(join(repo, 'packages', d, 'package.json'), 'utf8')),
  }));
  const byName = new Map(all.filter((p) => !p.private).map((p) => [p.name, p]));
  const ordered: WorkspacePackage[] = [];
  const visit = (p: WorkspacePackage) => {
    if (ordered.includes(p)) return;
    for (const dep of Object.keys(p.dependencies ?? {})) {
      const d = byName.get(dep);
      if (d) visit(d);
    }
    ordered.push(p);
  };
  for (const p of byName.values()) visit(p);
  return ordered;
}

/** PATH without any folder that holds cargo or rustc, so nothing can compile during install. */
export function pathWithoutRust(): string {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((d) => !['cargo', 'rustc'].some((tool) => existsSync(join(d, tool))))
    .join(delimiter);
}

/** What a user installs (the three packages, plus node-format to read WAV files). */
export const USER_INSTALL = [
  '@remotemedia/node-vad',
  '@remotemedia/core',
  '@remotemedia/cli',
  '@remotemedia/node-format',
];

/** A program for the installed node-denoise: the WAV file in argv[2] denoised, summarised as JSON. */
export const DENOISE_SCRIPT = `import { readFileSync } from 'node:fs';
import { decodeWav } from '@remotemedia/node-format';
import { DenoiseNode } from '@remotemedia/node-denoise';
const wav = decodeWav(readFileSync(process.argv[2]));
const node = DenoiseNode.create({ mix: 1 });
let samples = 0;
const voice = [];
for (const out of [node.process(wav), node.flush()]) {
  samples += out?.audio?.samples.length ?? 0;
  voice.push(...(out?.voice ?? []));
}
node.close();
console.log(JSON.stringify({ samples, input: wav.samples.length, voice: voice.length, speech: voice.filter((v) => v.probability > 0.5).length }));
`;

/**
 * A program for the installed packages: the speech segments of the WAV file in argv[2], as JSON,
 * by the VAD engine in argv[3] (default webrtc).
 */
export const SEGMENTS_SCRIPT = `import { readFileSync } from 'node:fs';
import { decodeWav } from '@remotemedia/node-format';
import { detectSegments } from '@remotemedia/node-vad';
const wav = decodeWav(readFileSync(process.argv[2]));
const engine = process.argv[3] ?? 'webrtc';
const segments = detectSegments(wav.samples, { sampleRate: wav.sampleRate, channels: wav.channels, engine });
console.log(JSON.stringify({ rate: wav.sampleRate, seconds: wav.samples.length / wav.channels / wav.sampleRate, segments }));
`;

/**
 * The most a native platform package's tarball may weigh: 2 MB. Model weights ship once, in the
 * platform-neutral root package (e.g. @remotemedia/node-vad's model/), never per platform.
 */
export const PLATFORM_PACKAGE_BUDGET = 2 * 1024 * 1024;
