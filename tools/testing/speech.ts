// Spoken phrases for tests that need real speech at known places: espeak-ng says the text, sox
// trims espeak's own silence, so the phrase starts and ends where the file does.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Length of an audio file in seconds (soxi). */
export function durationSeconds(file: string): number {
  return Number(execFileSync('soxi', ['-D', file], { encoding: 'utf8' }).trim());
}

/**
 * Writes `text`, spoken by espeak-ng (en-us, 150 words per minute) and trimmed of silence below
 * 0.5 % at both ends, to `dir`/`name`; returns that path.
 */
export function spokenPhrase(dir: string, name: string, text: string): string {
  const raw = join(dir, `raw-${name}`);
  const trimmed = join(dir, name);
  execFileSync('espeak-ng', ['-v', 'en-us', '-s', '150', '-w', raw, text]);
  const trim = ['silence', '1', '0.01', '0.5%', 'reverse'];
  execFileSync('sox', [raw, trimmed, ...trim, ...trim]);
  return trimmed;
}
