// Renders a kit package's TypeScript surface and README section from its nodes' metadata (the
// JSON `kitMetadata()` returns). Pure functions: tools/write-kit-sources.mjs does the files.

/**
 * The streaming class of a node, unless package.json names it (`"kit": { "processors": { ... } }`):
 * `Denoise` -> `Denoiser`, `Boost` -> `Booster`, `FormatConverter` -> `FormatConverterStream`.
 */
function processorName(type, processors = {}) {
  if (processors[type] !== undefined) return processors[type];
  if (/(er|or)$/.test(type)) return `${type}Stream`;
  return type.endsWith('e') ? `${type}r` : `${type}er`;
}

/** A sentence: ends with a full stop. */
const sentence = (text) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** The TypeScript type of a JSON Schema (the subset schemars emits for params). */
function tsType(schema) {
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (Array.isArray(schema.anyOf ?? schema.oneOf)) {
    return (schema.anyOf ?? schema.oneOf).map(tsType).join(' | ');
  }
  switch (schema.type) {
    case 'integer':
    case 'number':
      return 'number';
    case 'string':
    case 'boolean':
      return schema.type;
    case 'array':
      return `Array<${schema.items === undefined ? 'unknown' : tsType(schema.items)}>`;
    case 'object':
      return 'Record<string, unknown>';
    default:
      return 'unknown';
  }
}

/** `0 ..= 16`, `> 0`, or '' when the schema sets no bounds. */
function bounds(schema) {
  const low =
    schema.exclusiveMinimum !== undefined
      ? `> ${schema.exclusiveMinimum}`
      : schema.minimum !== undefined
        ? `>= ${schema.minimum}`
        : undefined;
  const high =
    schema.exclusiveMaximum !== undefined
      ? `< ${schema.exclusiveMaximum}`
      : schema.maximum !== undefined
        ? `<= ${schema.maximum}`
        : undefined;
  return [low, high].filter((b) => b !== undefined).join(', ');
}

const PORT_TYPES = { audio: 'AudioFrame', bytes: 'Uint8Array' };

function outputType(outputs) {
  const one = (port) => PORT_TYPES[port.type] ?? 'unknown';
  if (outputs.length === 1) return one(outputs[0]);
  return `{ ${outputs.map((p) => `${JSON.stringify(p.name)}?: ${one(p)}`).join('; ')} }`;
}

function paramsInterface(node) {
  const { properties = {}, required = [] } = node.params;
  const fields = Object.entries(properties).map(([name, schema]) => {
    const doc = [
      schema.description && sentence(schema.description),
      bounds(schema) && `Bounds: ${bounds(schema)}.`,
    ]
      .concat(schema.default !== undefined ? [`@default ${JSON.stringify(schema.default)}`] : [])
      .filter(Boolean)
      .join(' ');
    const optional = required.includes(name) ? '' : '?';
    const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
    return `  /** ${doc} */\n  ${key}${optional}: ${tsType(schema)};\n`;
  });
  return `/** Params of the ${node.type} node (from its Rust params type). */\nexport interface ${node.type}Params {\n${fields.join('')}}\n`;
}

/** src/nodes.generated.ts: per node its params, output, definition and streaming class. */
function kitSources(nodes, processors) {
  const parts = nodes.map((node) => {
    const t = node.type;
    const processor = processorName(t, processors);
    return [
      paramsInterface(node),
      `/** What the ${t} node's \`process\` returns. */`,
      `export type ${t}Output = ${outputType(node.outputs)};\n`,
      `/** ${sentence(node.description)} For the registry: \`NodeRegistry.builder().rust(${t}Node)\`. */`,
      `export const ${t}Node = kitNodeSet.definition<${t}Params, ${t}Output>('${t}');`,
      `export const ${t}Metadata = ${t}Node.metadata;\n`,
      `/** The ${t} node as a streaming class: process / processInto / flush / reset / close. */`,
      `export const ${processor} = kitNodeSet.processor<${t}Params>('${t}', '${processor}');`,
      `export type ${processor} = KitProcessor<${t}Params>;\n`,
    ].join('\n');
  });
  const usesAudio = nodes.some((node) => node.outputs.some((port) => port.type === 'audio'));
  return [
    '// Written by the build (tools/write-kit-sources.mjs) from the Rust node set; do not edit.',
    `import type { ${usesAudio ? 'AudioFrame, ' : ''}KitProcessor } from '@remotemedia/native';`,
    "import { kitNodeSet } from './kit.js';\n",
    ...parts,
    '/** Every node definition of this package (nodes.json is written from the same metadata). */',
    'export const nodes = kitNodeSet.definitions();',
    '',
  ].join('\n');
}

const cell = (text) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');

/** A markdown table with padded columns, as the workspace's formatter leaves it. */
function table(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The README part between the kit markers: per node its params table, ports and classes. */
function kitReadme(nodes, processors, packageName) {
  return nodes
    .map((node) => {
      const t = node.type;
      const { properties = {}, required = [] } = node.params;
      const rows = Object.entries(properties).map(([name, s]) => [
        `\`${name}\``,
        `\`${cell(tsType(s))}\`${required.includes(name) ? ' (required)' : ''}`,
        s.default !== undefined ? `\`${JSON.stringify(s.default)}\`` : '',
        cell(bounds(s)),
        cell(s.description ?? ''),
      ]);
      const ports = (list) =>
        list.map((p) => `\`${p.name}\` (${p.type})${p.description ? `: ${p.description}` : ''}`);
      const processor = processorName(t, processors);
      return [
        `### ${t}`,
        '',
        `${sentence(node.description)} Category \`${node.category}\`.`,
        '',
        `\`import { ${t}Node, ${processor}, type ${t}Params } from '${packageName}';\``,
        '',
        rows.length === 0
          ? 'No params.'
          : table(['Param', 'Type', 'Default', 'Bounds', 'Description'], rows),
        '',
        `- Inputs: ${ports(node.inputs).join('; ')}`,
        `- Outputs: ${ports(node.outputs).join('; ')}`,
        `- Streaming class: \`new ${processor}({ sampleRate, channels?, params? })\`, with ` +
          '`process(input)`, `processInto(input, out)`, `flush()`, `flushInto(out)`, `json()`, ' +
          '`bytes()`, `reset()`, `close()`',
        '',
      ].join('\n');
    })
    .join('\n');
}

module.exports = { bounds, kitReadme, kitSources, processorName, tsType };
