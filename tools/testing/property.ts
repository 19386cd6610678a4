// Property runs for parsers of untrusted input: a bounded number of runs in the normal suites,
// exactly REMOTEMEDIA_FUZZ_RUNS when `npm run fuzz -- --runs N` asks for a count, or as many as
// fit in REMOTEMEDIA_FUZZ_SECONDS when it asks for a time.
import { isRemoteMediaError } from '@remotemedia/errors';
import fc from 'fast-check';

/** Runs per property in the normal suites: enough to catch a regression, quick on 2 cores. */
const SUITE_RUNS = 500;

function options(): fc.Parameters<unknown> {
  const runs = Number(process.env.REMOTEMEDIA_FUZZ_RUNS ?? 0);
  if (runs > 0) return { numRuns: runs };
  const seconds = Number(process.env.REMOTEMEDIA_FUZZ_SECONDS ?? 0);
  if (seconds > 0) {
    return {
      numRuns: Number.MAX_SAFE_INTEGER,
      interruptAfterTimeLimit: seconds * 1000,
      markInterruptAsFailure: false,
    };
  }
  return { numRuns: SUITE_RUNS };
}

/** Checks `property`; on failure throws fast-check's report (seed, path, counterexample). */
export function holds<Ts>(label: string, property: fc.IProperty<Ts>): void {
  const details = fc.check(property, options() as fc.Parameters<Ts>);
  if (process.env.REMOTEMEDIA_FUZZ_SECONDS || process.env.REMOTEMEDIA_FUZZ_RUNS) {
    console.log(`fuzz ${label}: ${details.numRuns} runs, ${details.numSkips} skipped`);
  }
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? `${label} failed`);
}

/** Runs `parse`; returns 'ok' or the error's code, and rethrows anything but a RemoteMediaError. */
export function outcome(parse: () => unknown, codes: readonly string[]): string {
  try {
    parse();
    return 'ok';
  } catch (error) {
    if (isRemoteMediaError(error) && codes.includes(error.code)) return error.code;
    throw error;
  }
}
