// Every json output as a table row (speech segments first), for reading exact values.
import { el } from './dom.js';
import { clock, compactJson } from './format.js';
import { isSegment, type OutputLane } from './outputs.js';

export function segmentTable(lanes: readonly OutputLane[]): HTMLTableElement {
  const rows = lanes.flatMap((lane) =>
    lane.items.filter(isSegment).map((item) => {
      const end = item.endMs as number;
      return el(
        'tr',
        {
          'data-sink': lane.sink,
          'data-port': lane.port,
          'data-start-ms': item.startMs,
          'data-end-ms': end,
        },
        [
          el('td', {}, [`${lane.sink}.${lane.port}`]),
          el('td', {}, [clock(item.startMs)]),
          el('td', {}, [clock(end)]),
          el('td', {}, [`${((end - item.startMs) / 1000).toFixed(3)} s`]),
        ],
      );
    }),
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
