// Copies the Silero VAD weights and their licence from crates/silero/model into this package's
// model/ folder, the one copy every platform shares (the native binaries do not embed them).
import { copyFileSync, mkdirSync } from 'node:fs';

const from = new URL('../../../crates/silero/model/', import.meta.url);
const to = new URL('../model/', import.meta.url);
mkdirSync(to, { recursive: true });
for (const file of ['silero_vad_v6.bin', 'LICENSE']) {
  copyFileSync(new URL(file, from), new URL(file, to));
}
