// Property runs for parsers of untrusted input: a bounded number of runs in the normal suites,
// exactly REMOTEMEDIA_FUZZ_RUNS when `npm run fuzz -- --runs N` asks for a count, or as many as
// fit in REMOTEMEDIA_FUZZ_SECONDS when it asks for a time.
import { isRemoteMediaError } from '@remotemedia/errors';
import fc from 'fast-check';
import { it } from 'vitest';

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

/**
 * Timeout for a property test that waits on I/O: generous in the normal suites (a loaded machine),
 * undefined in a fuzz run, whose --testTimeout fits its run count.
 */
export const IO_PROPERTY_TIMEOUT_MS =
  process.env.REMOTEMEDIA_FUZZ_RUNS || process.env.REMOTEMEDIA_FUZZ_SECONDS ? undefined : 120_000;

/** `holds` for a property whose predicate returns a promise (a parser that reads files). */
export async function holdsAsync<Ts>(
  label: string,
  property: fc.IAsyncProperty<Ts>,
): Promise<void> {
  const details = await fc.check(property, options() as fc.Parameters<Ts>);
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

/** Text or bytes: what the mutating arbitraries below cut and join. */
type Sequence = string | readonly number[];

/** `sequence` up to `from`, then `piece`, then `sequence` from `to` on. */
function replaced<S extends Sequence>(sequence: S, from: number, piece: S, to: number): S {
  return (
    typeof sequence === 'string'
      ? sequence.slice(0, from) + (piece as string) + sequence.slice(to)
      : [...sequence.slice(0, from), ...(piece as readonly number[]), ...sequence.slice(to)]
  ) as S;
}

/**
 * A valid value as text or bytes with 1 to 4 edits at any place: an item replaced by a piece,
 * everything from there on cut off, or a piece inserted.
 */
export function withEdits<T, S extends Sequence>(
  valid: fc.Arbitrary<T>,
  toSequence: (value: T) => S,
  piece: fc.Arbitrary<S>,
): fc.Arbitrary<S> {
  const edit = fc.tuple(fc.constantFrom('flip', 'cut', 'insert'), fc.nat(), piece);
  return fc.tuple(valid, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([value, edits]) => {
    let sequence = toSequence(value);
    for (const [kind, where, p] of edits) {
      const at = sequence.length === 0 ? 0 : where % sequence.length;
      if (kind === 'flip') sequence = replaced(sequence, at, p, at + 1);
      else if (kind === 'cut')
        sequence = replaced(sequence, at, p.slice(0, 0) as S, sequence.length);
      else sequence = replaced(sequence, at, p, at);
    }
    return sequence;
  });
}

/** A valid value as text or bytes with a few splices: at any place, some items out and a piece in. */
export function withSplices<T, S extends Sequence>(
  valid: fc.Arbitrary<T>,
  toSequence: (value: T) => S,
  piece: fc.Arbitrary<S>,
  limits: { minEdits: number; maxEdits: number; maxRemove: number },
): fc.Arbitrary<S> {
  const splice = fc.tuple(fc.nat(), piece, fc.nat({ max: limits.maxRemove }));
  const edits = fc.array(splice, { minLength: limits.minEdits, maxLength: limits.maxEdits });
  return fc.tuple(valid, edits).map(([value, splices]) => {
    let sequence = toSequence(value);
    for (const [where, insert, remove] of splices) {
      const at = where % (sequence.length + 1);
      sequence = replaced(sequence, at, insert, at + remove);
    }
    return sequence;
  });
}

/** A valid value's text (JSON by default) with 1 to 4 edits of up to 3 characters (`withEdits`). */
export function textWithEdits<T>(
  valid: fc.Arbitrary<T>,
  toText: (value: T) => string = JSON.stringify,
): fc.Arbitrary<string> {
  return withEdits(valid, toText, fc.string({ maxLength: 3 }));
}

/** A valid value's text with up to 3 splices: at any place, up to 4 characters out and up to 3 in. */
export function splicedText<T>(
  valid: fc.Arbitrary<T>,
  toText: (value: T) => string,
): fc.Arbitrary<string> {
  const limits = { minEdits: 0, maxEdits: 3, maxRemove: 4 };
  return withSplices(valid, toText, fc.string({ maxLength: 3 }), limits);
}

/** One byte, as a piece `withEdits` and `withSplices` put into bytes. */
export const byteArb = fc.integer({ min: 0, max: 255 }).map((byte) => [byte]);
