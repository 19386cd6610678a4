// Property runs for parsers of untrusted input: a bounded number of runs in the normal suites,
// or as many as fit in REMOTEMEDIA_FUZZ_SECONDS when `npm run fuzz` asks for a long run.
import { isRemoteMediaError } from '@remotemedia/errors';
import fc from 'fast-check';
import { it } from 'vitest';

/** Runs per property in the normal suites: enough to catch a regression, quick on 2 cores. */
const SUITE_RUNS = 500;

function options(): fc.Parameters<unknown> {
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
  if (process.env.REMOTEMEDIA_FUZZ_SECONDS) {
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

/**
 * One test per title, running `read` on every input its arbitraries draw (each in turn). `read`
 * returns for a value or a coded refusal and throws for anything else (see `outcome`); `name`
 * labels the runs in reports.
 */
export function readsAnyInput<T>(
  name: string,
  read: (input: T) => unknown,
  tests: Record<string, fc.Arbitrary<T> | readonly fc.Arbitrary<T>[]>,
): void {
  for (const [title, drawn] of Object.entries(tests)) {
    const sources = Array.isArray(drawn) ? drawn : [drawn];
    it(title, () => {
      sources.forEach((inputs: fc.Arbitrary<T>, i) => {
        const label = sources.length === 1 ? `${name}: ${title}` : `${name}: ${title} [${i + 1}]`;
        holds(
          label,
          fc.property(inputs, (input) => {
            read(input);
          }),
        );
      });
    });
  }
}

/** Any text: random strings, and JSON of any shape. */
export const anyTextArb = fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 4 }));

/** A valid value's text with 1 to 4 edits: a character replaced by a piece, cut there, or a piece inserted. */
export function textWithEdits<T>(
  valid: fc.Arbitrary<T>,
  toText: (value: T) => string = JSON.stringify,
): fc.Arbitrary<string> {
  const edit = fc.tuple(
    fc.constantFrom('flip', 'cut', 'insert'),
    fc.nat(),
    fc.string({ maxLength: 3 }),
  );
  return fc.tuple(valid, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([value, edits]) => {
    let text = toText(value);
    for (const [kind, where, piece] of edits) {
      const at = text.length === 0 ? 0 : where % text.length;
      if (kind === 'flip') text = text.slice(0, at) + piece + text.slice(at + 1);
      else if (kind === 'cut') text = text.slice(0, at);
      else text = text.slice(0, at) + piece + text.slice(at);
    }
    return text;
  });
}

/** A valid value's text with up to 3 splices: at any place, up to 4 characters out and up to 3 in. */
export function splicedText<T>(
  valid: fc.Arbitrary<T>,
  toText: (value: T) => string,
): fc.Arbitrary<string> {
  const splice = fc.tuple(fc.nat(), fc.string({ maxLength: 3 }), fc.nat({ max: 4 }));
  return fc.tuple(valid, fc.array(splice, { maxLength: 3 })).map(([value, edits]) => {
    let text = toText(value);
    for (const [where, insert, remove] of edits) {
      const at = where % (text.length + 1);
      text = text.slice(0, at) + insert + text.slice(at + remove);
    }
    return text;
  });
}
