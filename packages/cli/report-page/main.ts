// The report page: reads the run's data from the page itself (no network) and draws it.
import type { ReportData } from '../src/run/report/report-data.js';
import { el } from './dom.js';
import { nodeTable } from './nodes.js';
import { outputLanes } from './outputs.js';
import { outputList, segmentTable } from './segments.js';
import { summary } from './summary.js';
import { timeline } from './timeline.js';
import './styles.css';

function render(data: ReportData): void {
  const r = data.results;
  const lanes = outputLanes(data);
  const lastOutput = Math.max(0, ...lanes.flatMap((l) => l.items.map((i) => i.endMs ?? i.startMs)));
  const spanMs = Math.max(1, r.input.durationMs, lastOutput);
  const root = document.getElementById('report') as HTMLElement;
  root.replaceChildren(
    el('h1', {}, [`remotemedia run: ${r.manifest}`]),
    summary(r),
    el('section', {}, [
      el('h2', {}, ['Timeline']),
      el('p', { class: 'hint' }, [
        'Shaded: speech segments. Hover a mark for its value; a value without times of its own sits where it came out of the pipeline (the input fed by then).',
      ]),
      timeline(data.waveform, lanes, spanMs),
    ]),
    el('section', {}, [el('h2', {}, ['Speech segments']), segmentTable(lanes)]),
    el('section', {}, [el('h2', {}, ['Nodes']), nodeTable(r.metrics.nodes)]),
    el('section', {}, [el('h2', {}, ['Every output']), outputList(lanes)]),
  );
  document.title = `remotemedia run: ${r.manifest}`;
}

const source = document.getElementById('report-data');
if (source?.textContent) render(JSON.parse(source.textContent) as ReportData);
