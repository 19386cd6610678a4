// The progress bar of `run`: drawn on a TTY only (stderr), with the x-realtime speed.
import { Presets, SingleBar } from 'cli-progress';

export interface Progress {
  update(fedSeconds: number): void;
  stop(): void;
}

const quiet: Progress = { update() {}, stop() {} };

export function progressBar(totalSeconds: number, enabled: boolean): Progress {
  if (!enabled || process.stderr.isTTY !== true) return quiet;
  const started = performance.now();
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: ' {bar} {percentage}% | {value}/{total} s | {speed}x realtime',
      hideCursor: true,
      clearOnComplete: false,
      fps: 10,
    },
    Presets.shades_classic,
  );
  const speed = (fed: number) => {
    const wall = (performance.now() - started) / 1000;
    return wall > 0 ? (fed / wall).toFixed(1) : '-';
  };
  bar.start(Number(totalSeconds.toFixed(2)), 0, { speed: '-' });
  return {
    update(fed) {
      bar.update(Number(fed.toFixed(2)), { speed: speed(fed) });
    },
    stop() {
      bar.stop();
    },
  };
}
