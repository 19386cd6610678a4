// Speech fixtures with known onsets: espeak-ng phrases, each trimmed of its own silence by sox,
// joined by silences of known length, so where speech starts is known to the sample.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWav } from '@remotemedia/node-format';
import { expect } from 'vitest';
import { durationSeconds, spokenPhrase } from '../../../tools/testing/speech.js';

export interface SpeechFixture {
  /** A 16-bit WAV at `rate`, mono. */
  file: string;
  sampleRate: number;
  /** f32 samples of `file`. */
  samples: Float32Array;
  /** Where each phrase starts and ends, in ms from the start of the file. */
  phrases: { startMs: number; endMs: number }[];
}

const PHRASES = [
  'The quick brown fox jumps over the lazy dog.',
  'Speech detection finds this one.',
];
const LEAD_S = 1;
const GAP_S = 1.5;
const TAIL_S = 1.5;

export function speechFixture(dir: string, sampleRate: number): SpeechFixture {
  const silence = (name: string, s: number) => {
    const f = join(dir, name);
    execFileSync('sox', ['-n', '-r', '22050', '-c', '1', '-b', '16', f, 'trim', '0', String(s)]);
    return f;
  };
  const parts: string[] = [silence('lead.wav', LEAD_S)];
  const phrases: SpeechFixture['phrases'] = [];
  let at = LEAD_S;
  PHRASES.forEach((text, i) => {
    const trimmed = spokenPhrase(dir, `phrase${i}.wav`, text);
    const length = durationSeconds(trimmed);
    phrases.push({ startMs: at * 1000, endMs: (at + length) * 1000 });
    parts.push(trimmed, silence(`gap${i}.wav`, i === PHRASES.length - 1 ? TAIL_S : GAP_S));
    at += length + GAP_S;
  });
  const file = join(dir, `speech-${sampleRate}.wav`);
  execFileSync('sox', [...parts, '-r', String(sampleRate), '-b', '16', file]);
  const wav = decodeWav(readFileSync(file));
  return { file, sampleRate, samples: wav.samples, phrases };
}

/** How far a detected speech start may be from the phrase's known onset. */
export const ONSET_TOLERANCE_MS = 150;

/**
 * Asserts that `events` (VAD events) start speech once per phrase of `speech`, each within
 * ONSET_TOLERANCE_MS of its onset; returns the start times.
 */
export function expectOnsets(
  events: readonly { type: string; startMs: number }[],
  speech: Pick<SpeechFixture, 'phrases'>,
): number[] {
  const starts = events.filter((e) => e.type === 'speechStart').map((e) => e.startMs);
  expect(starts).toHaveLength(speech.phrases.length);
  starts.forEach((ms, i) => {
    expect(Math.abs(ms - (speech.phrases[i]?.startMs ?? 0))).toBeLessThan(ONSET_TOLERANCE_MS);
  });
  return starts;
}
