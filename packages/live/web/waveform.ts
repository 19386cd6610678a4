// A scrolling waveform of the last 10 s: one peak per 20 ms frame, speech in green.
import type { Segments } from './segments.js';

const WINDOW_MS = 10_000;
const FRAME_MS = 20;

export class Waveform {
  readonly #canvas: HTMLCanvasElement;
  readonly #peaks: number[] = [];
  /** Stream time of the first peak kept. */
  #firstMs = 0;

  constructor(canvas: HTMLCanvasElement) {
    this.#canvas = canvas;
  }

  get nowMs(): number {
    return this.#firstMs + this.#peaks.length * FRAME_MS;
  }

  add(frame: Float32Array): void {
    let peak = 0;
    for (const v of frame) peak = Math.max(peak, Math.abs(v));
    this.#peaks.push(peak);
    const keep = WINDOW_MS / FRAME_MS;
    if (this.#peaks.length > keep) {
      this.#peaks.splice(0, this.#peaks.length - keep);
      this.#firstMs = this.nowMs - keep * FRAME_MS;
    }
  }

  draw(segments: Segments): void {
    const ctx = this.#canvas.getContext('2d');
    if (ctx === null) return;
    const { width, height } = this.#canvas;
    const now = this.nowMs;
    const start = now - WINDOW_MS;
    const x = (ms: number) => ((ms - start) / WINDOW_MS) * width;
    ctx.fillStyle = '#0d1117';
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#2ea04366';
    for (const s of segments.list) {
      const end = s.endMs ?? now;
      if (end > start)
        ctx.fillRect(
          x(Math.max(s.startMs, start)),
          0,
          x(end) - x(Math.max(s.startMs, start)),
          height,
        );
    }
    ctx.fillStyle = '#8b949e';
    ctx.font = `${Math.round(height / 14)}px system-ui`;
    for (let t = Math.ceil(start / 1000) * 1000; t < now; t += 1000) {
      if (t >= 0) ctx.fillText(`${t / 1000}s`, x(t) + 3, height - 6);
    }
    const barWidth = Math.max(1, width / (WINDOW_MS / FRAME_MS));
    this.#peaks.forEach((peak, i) => {
      const ms = this.#firstMs + i * FRAME_MS;
      ctx.fillStyle = segments.isSpeech(ms, now) ? '#3fb950' : '#58a6ff';
      const h = Math.max(1, Math.min(1, peak * 2) * (height - 24));
      ctx.fillRect(x(ms), (height - 24 - h) / 2, barWidth, h);
    });
  }
}
