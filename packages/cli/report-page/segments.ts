// Every json output as a table row (speech segments first), for reading exact values.
import { el } from './dom.js';
import { clock, compactJson } from './format.js';
import { type OutputLane, segmentsOf } from './outputs.js';

export function segmentTable(lanes: readonly OutputLane[]): HTMLTableElement {
  const rows = lanes.flatMap((lane) =>
    segmentsOf(lane).map(({ startMs, endMs }) =>
      el(
        'tr',
        {
          'data-sink': lane.sink,
          'data-port': lane.port,
          'data-start-ms': startMs,
          'data-end-ms': endMs,
        },
        [
          el('td', {}, [`${lane.sink}.${lane.port}`]),
          el('td', {}, [clock(startMs)]),
          el('td', {}, [clock(endMs)]),
          el('td', {}, [`${((endMs - startMs) / 1000).toFixed(3)} s`]),
        ],
      ),
    ),
  );
  return el('table', { id: 'segments' }, [
    el('thead', {}, [
      el(
        'tr',
        {},
        ['output', 'start', 'end', 'length'].map((c) => el('th', { scope: 'col' }, [c])),
      ),
    ]),
    el('tbody', {}, rows),
  ]);
}

export function outputList(lanes: readonly OutputLane[]): HTMLElement {
  return el(
    'div',
    { id: 'outputs' },
    lanes.map((lane) => {
      const cut =
        lane.total > lane.items.length ? ` (the first ${lane.items.length} of ${lane.total})` : '';
      return el('details', { 'data-sink': lane.sink, 'data-port': lane.port }, [
        el('summary', {}, [`${lane.sink}.${lane.port}: ${lane.total} values${cut}`]),
        el(
          'ol',
          { start: 0 },
          lane.items.map((item) =>
            el('li', {}, [
              el('span', { class: 'at' }, [
                `${clock(item.startMs)}${item.ownTime ? '' : ' (came out)'}`,
              ]),
              ' ',
              el('code', {}, [compactJson(item.value, 400)]),
            ]),
          ),
        ),
      ]);
    }),
  );
}
