// Headless Chromium for browser tests: the system's build (Debian's `chromium`, which .ci/run
// installs) driven by playwright-core. Nothing here downloads a browser.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

const SYSTEM_CHROMIUM = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium binary to drive: `$CHROMIUM_PATH` when set, else the first system one found. */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!executable(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  const found = SYSTEM_CHROMIUM.find(executable);
  if (found === undefined) {
    throw new Error(
      `no Chromium found (looked for ${SYSTEM_CHROMIUM.join(', ')}); install Debian's package ` +
        '(apt-get install chromium) or set CHROMIUM_PATH',
    );
  }
  return found;
}

export interface LaunchChromiumOptions {
  /** Extra command-line switches, e.g. `--use-fake-device-for-media-stream`. */
  args?: readonly string[];
}

/**
 * Starts headless Chromium. As root (CI containers) Chromium refuses to start without
 * `--no-sandbox`, so it is added there and only there; containers often have a tiny /dev/shm,
 * so shared memory goes to /tmp. Close the browser in `afterAll`.
 */
export function launchChromium(options: LaunchChromiumOptions = {}): Promise<Browser> {
  const asRoot = process.getuid?.() === 0;
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...(asRoot ? ['--no-sandbox'] : []), '--disable-dev-shm-usage', ...(options.args ?? [])],
    // A loaded 2-core machine can take a while to start a browser.
    timeout: 60_000,
  });
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A folder for a browser test's artifacts (screenshots), under the git-ignored `.reports/`. */
export function browserOutputDir(testName: string): string {
  const dir = join(repoRoot, '.reports', 'browser', testName);
  mkdirSync(dir, { recursive: true });
  return dir;
}
