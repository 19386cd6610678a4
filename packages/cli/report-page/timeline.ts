// The time axis: the input's waveform with the speech segments shaded, then one lane per json
// output port (spans as bars, points as ticks), all on one scale. Hover a mark for its value.
import type { Waveform } from '../src/run/report/report-data.js';
import { svg, titled } from './dom.js';
import { clock, compactJson } from './format.js';
import { isSpeech, type OutputLane, segmentsOf } from './outputs.js';

const WIDTH = 1000;
const LABEL = 150;
const WAVE_HEIGHT = 120;
const LANE_HEIGHT = 26;
const AXIS_HEIGHT = 24;

/** A round tick step giving about 10 ticks over `spanMs`. */
function tickStep(spanMs: number): number {
  const raw = spanMs / 10;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  return step ?? raw;
}

export function timeline(
  wave: Waveform,
  lanes: readonly OutputLane[],
  spanMs: number,
): SVGSVGElement {
  const height = WAVE_HEIGHT + lanes.length * LANE_HEIGHT + AXIS_HEIGHT;
  const plot = WIDTH - LABEL;
  const x = (ms: number) => LABEL + (Math.min(Math.max(ms, 0), spanMs) / spanMs) * plot;
  const root = svg('svg', {
    id: 'timeline',
    viewBox: `0 0 ${WIDTH} ${height}`,
    role: 'img',
    'aria-label': 'input waveform, speech segments and outputs over time',
  });

  // Speech segments behind the waveform, over its whole height.
  for (const lane of lanes) {
    for (const { startMs, endMs } of segmentsOf(lane)) {
      root.append(
        titled(
          svg('rect', {
            class: 'speech',
            x: x(startMs),
            y: 0,
            width: Math.max(0.5, x(endMs) - x(startMs)),
            height: WAVE_HEIGHT,
          }),
          `${lane.sink}.${lane.port}: ${clock(startMs)} - ${clock(endMs)}`,
        ),
      );
    }
  }

  const mid = WAVE_HEIGHT / 2;
  const amp = (v: number) => mid - v * (mid - 4);
  const top = wave.max.map(
    (v, i) => `${x((i + 0.5) * wave.columnMs).toFixed(2)},${amp(v).toFixed(2)}`,
  );
  const bottom = wave.min
    .map((v, i) => `${x((i + 0.5) * wave.columnMs).toFixed(2)},${amp(v).toFixed(2)}`)
    .reverse();
  root.append(
    svg('text', { class: 'label', x: 4, y: mid + 4 }, ['input']),
    svg('polygon', { class: 'wave', points: [...top, ...bottom].join(' ') }),
  );

  lanes.forEach((lane, n) => {
    const y = WAVE_HEIGHT + n * LANE_HEIGHT;
    const g = svg('g', { class: 'lane', 'data-sink': lane.sink, 'data-port': lane.port });
    g.append(
      svg('line', {
        class: 'lane-rule',
        x1: LABEL,
        x2: WIDTH,
        y1: y + LANE_HEIGHT / 2,
        y2: y + LANE_HEIGHT / 2,
      }),
      svg('text', { class: 'label', x: 4, y: y + LANE_HEIGHT / 2 + 4 }, [
        `${lane.sink}.${lane.port}`,
      ]),
    );
    for (const item of lane.items) {
      const tip = `${clock(item.startMs)}${item.ownTime ? '' : ' (came out)'}: ${compactJson(item.value)}`;
      const mark =
        item.endMs === undefined
          ? svg('rect', {
              class: 'point',
              x: x(item.startMs) - 1,
              y: y + 5,
              width: 2,
              height: LANE_HEIGHT - 10,
            })
          : svg('rect', {
              class: isSpeech(item) ? 'span' : 'span quiet',
              x: x(item.startMs),
              y: y + 5,
              width: Math.max(1, x(item.endMs) - x(item.startMs)),
              height: LANE_HEIGHT - 10,
            });
      g.append(titled(mark, tip));
    }
    root.append(g);
  });

  const axisY = WAVE_HEIGHT + lanes.length * LANE_HEIGHT;
  root.append(svg('line', { class: 'axis', x1: LABEL, x2: WIDTH, y1: axisY, y2: axisY }));
  const step = tickStep(spanMs);
  for (let t = 0; t <= spanMs + 1e-6; t += step) {
    root.append(
      svg('line', { class: 'tick', x1: x(t), x2: x(t), y1: axisY, y2: axisY + 5 }),
      svg('text', { class: 'tick-label', x: x(t), y: axisY + 17 }, [
        `${(t / 1000).toFixed(step < 1000 ? 1 : 0)} s`,
      ]),
    );
  }
  return root;
}
