// The run at a glance: the input's format, how much was processed and how fast.
import type { RunResults } from '../src/run/results.js';
import { el } from './dom.js';
import { count } from './format.js';

function entries(pairs: readonly (readonly [string, string, string])[]): HTMLDListElement {
  return el(
    'dl',
    { class: 'facts' },
    pairs.map(([key, label, value]) =>
      el('div', { 'data-key': key }, [el('dt', {}, [label]), el('dd', {}, [value])]),
    ),
  );
}

export function summary(r: RunResults): HTMLElement {
  const audioS = r.processedMs / 1000;
  const wallS = r.wallMs / 1000;
  const speed = wallS > 0 ? audioS / wallS : Number.POSITIVE_INFINITY;
  const channels = r.input.channels === 1 ? 'mono' : `${r.input.channels} channels`;
  const input = entries([
    ['file', 'file', r.input.file],
    ['format', 'format', `${r.input.format} WAV, ${count(r.input.sampleRate)} Hz, ${channels}`],
    ['duration', 'duration', `${(r.input.durationMs / 1000).toFixed(3)} s`],
  ]);
  const run = entries([
    ['manifest', 'manifest', r.manifest],
    [
      'processed',
      'processed',
      `${audioS.toFixed(3)} s in ${count(r.framesFed)} frames of ${r.frameMs} ms`,
    ],
    ['wall', 'wall time', `${wallS.toFixed(3)} s`],
    ['speed', 'speed', `${speed.toFixed(1)}x realtime`],
    ['rtf', 'real-time factor', audioS > 0 ? (wallS / audioS).toFixed(4) : '-'],
    [
      'throughput',
      'throughput',
      wallS > 0 ? `${count(Math.round(r.framesFed / wallS))} frames/s` : '-',
    ],
  ]);
  const status =
    r.error !== undefined
      ? `failed: ${r.error}`
      : r.interrupted
        ? 'interrupted (Ctrl-C)'
        : 'completed';
  return el('section', { id: 'summary' }, [
    el('div', { class: 'card' }, [el('h2', {}, ['Input']), input]),
    el('div', { class: 'card' }, [
      el('h2', {}, ['Run']),
      run,
      el('p', { class: r.error === undefined ? 'status' : 'status bad' }, [status]),
    ]),
  ]);
}
