// SpeechGate: takes the whole VAD output ({ audio, events }) and emits only the audio inside
// speech segments. Audio is held until the segment that covers it is closed (or the stream ends).

const HOLD_MS = 5000; // audio older than this, outside any open segment, can no longer be speech

function frameEndMs(frame) {
  return frame.timestamp + (frame.samples.length / frame.channels / frame.sampleRate) * 1000;
}

/** The part of `frames` between startMs and endMs, as one frame (undefined when empty). */
function cut(frames, startMs, endMs) {
  const parts = [];
  for (const f of frames) {
    const from = Math.max(0, Math.round(((startMs - f.timestamp) * f.sampleRate) / 1000));
    const to = Math.round(((endMs - f.timestamp) * f.sampleRate) / 1000);
    const frameCount = f.samples.length / f.channels;
    const a = Math.min(from, frameCount) * f.channels;
    const b = Math.max(0, Math.min(to, frameCount)) * f.channels;
    if (b > a) parts.push(f.samples.subarray(a, b));
  }
  const first = frames[0];
  if (parts.length === 0 || first === undefined) return undefined;
  return {
    samples: concat(parts),
    sampleRate: first.sampleRate,
    channels: first.channels,
    timestamp: startMs,
  };
}

function concat(parts) {
  const samples = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    samples.set(p, at);
    at += p.length;
  }
  return samples;
}

export const speechGate = {
  type: 'SpeechGate',
  runtime: 'ts',
  metadata: {
    category: 'audio/filter',
    description: 'Keeps only the audio inside VAD speech segments (connect the whole VAD output)',
    params: { type: 'object', additionalProperties: false, properties: {} },
    inputs: [{ name: 'vad', type: 'any', description: 'VAD output { audio, events }' }],
    outputs: [{ name: 'audio', type: 'audio', description: 'Speech-only audio' }],
  },
  create() {
    let held = [];
    let openStart;
    const release = (startMs, endMs) => {
      const out = cut(held, startMs, endMs);
      held = held.filter((f) => frameEndMs(f) > endMs);
      return out;
    };
    return {
      process({ audio, events = [] }) {
        if (audio !== undefined) held.push({ ...audio, timestamp: audio.timestamp ?? 0 });
        const out = [];
        for (const e of events) {
          if (e.type === 'speechStart') openStart = e.startMs;
          else {
            openStart = undefined;
            const piece = release(e.startMs, e.endMs);
            if (piece !== undefined) out.push(piece);
          }
        }
        const last = held.at(-1);
        if (openStart === undefined && last !== undefined) {
          const horizon = frameEndMs(last) - HOLD_MS;
          held = held.filter((f) => frameEndMs(f) > horizon);
        }
        if (out.length === 0) return undefined;
        return { ...out[0], samples: concat(out.map((f) => f.samples)) };
      },
      flush() {
        const last = held.at(-1);
        if (openStart === undefined || last === undefined) return undefined;
        const out = release(openStart, frameEndMs(last));
        openStart = undefined;
        return out;
      },
    };
  },
};
