// Compares two outputs.mjs files (x86-64 and arm64) case by case and prints one line per case:
//   integer          equal bit for bit
//   float            |a - b| <= FLOAT_TOLERANCE per sample (same length)
//   float-int16      float code rounded to s16: |a - b| <= 1 LSB
//   float-decisions  VAD decisions behind the float resampler: equal (printed with the count of
//                    frames that differ, if any)
// Exits 1 on the first mismatch's case name (all cases are still printed).
import { readFileSync } from 'node:fs';

/**
 * 2^-20 (~9.5e-7, 8 f32 ulps at 1.0): an FFT convolution sums each output from hundreds of
 * products in an order set by the SIMD kernel (AVX on x86-64, NEON on arm64), so the last bits
 * may differ; a real error (a wrong filter, an off-by-one frame) is orders of magnitude larger.
 */
export const FLOAT_TOLERANCE = 2 ** -20;

const TYPES = { Float32Array, Int16Array, Int32Array, Uint8Array, Buffer: Uint8Array };

function decode(entry) {
  if (entry.type === 'json') return entry.data;
  const bytes = Buffer.from(entry.data, 'base64');
  const Type = TYPES[entry.type];
  return new Type(bytes.buffer, bytes.byteOffset, bytes.byteLength / Type.BYTES_PER_ELEMENT);
}

function maxDiff(a, b) {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

export function compare(hostFile, otherFile) {
  const host = JSON.parse(readFileSync(hostFile, 'utf8'));
  const other = JSON.parse(readFileSync(otherFile, 'utf8'));
  let failed = 0;
  for (const [name, entry] of Object.entries(host.cases)) {
    const theirs = other.cases[name];
    let verdict;
    if (theirs === undefined) verdict = `missing on ${other.arch}`;
    else if (entry.kind === 'integer' || entry.kind === 'float-decisions') {
      const same = JSON.stringify(entry.data) === JSON.stringify(theirs.data);
      verdict = same ? 'equal bit for bit' : 'DIFFERENT';
      if (!same && entry.type === 'json' && typeof entry.data === 'string') {
        const diff = [...entry.data].filter((c, i) => c !== theirs.data[i]).length;
        verdict = `DIFFERENT (${diff} of ${entry.data.length} frames)`;
      }
    } else {
      const a = decode(entry);
      const b = decode(theirs);
      const limit = entry.kind === 'float-int16' ? 1 : FLOAT_TOLERANCE;
      if (a.length !== b.length) verdict = `DIFFERENT length ${a.length} vs ${b.length}`;
      else {
        const max = maxDiff(a, b);
        const exact = entry.data === theirs.data;
        verdict = exact
          ? 'equal bit for bit'
          : `${max <= limit ? 'within' : 'BEYOND'} tolerance (max |diff| ${max.toExponential(2)}, limit ${limit.toExponential(2)})`;
      }
    }
    const ok = !/DIFFERENT|BEYOND|missing/.test(verdict);
    if (!ok) failed++;
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}: ${verdict}`);
  }
  console.log(
    `outputs (${host.arch} vs ${other.arch}):\n${Object.keys(host.cases).length - failed} passed, ${failed} failed`,
  );
  return failed === 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(compare(process.argv[2], process.argv[3]) ? 0 : 1);
}
