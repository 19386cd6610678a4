// Turns a params JSON Schema into rows people can read (`nodes info`) and JSON tools can use.
import type { JsonSchema } from '@remotemedia/core';

interface Schema {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
  description?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}

export interface ParamRow {
  name: string;
  type: string;
  required: boolean;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  description?: string;
}

function typeText(s: Schema): string {
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives !== undefined) return alternatives.map(typeText).join(' | ');
  if (s.enum !== undefined) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  const base = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'any');
  if (base === 'array' && s.items !== undefined) return `${typeText(s.items)}[]`;
  // An exclusive bound is written with a parenthesis, as in interval notation: number (0..1).
  const low = s.minimum ?? s.exclusiveMinimum;
  const high = s.maximum ?? s.exclusiveMaximum;
  if (low === undefined && high === undefined) return base;
  const open = s.exclusiveMinimum !== undefined ? '(' : '';
  const close = s.exclusiveMaximum !== undefined ? ')' : '';
  return `${base} ${open}${low ?? ''}..${high ?? ''}${close}`;
}

export function paramRows(schema: JsonSchema): ParamRow[] {
  const s = schema as Schema;
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([name, p]) => {
    const row: ParamRow = { name, type: typeText(p), required: required.has(name) };
    if (p.default !== undefined) row.default = p.default;
    const enumValues = p.enum ?? (p.anyOf ?? p.oneOf)?.flatMap((a) => a.enum ?? []);
    if (enumValues !== undefined && enumValues.length > 0) row.enum = enumValues;
    if (p.minimum !== undefined) row.minimum = p.minimum;
    if (p.maximum !== undefined) row.maximum = p.maximum;
    if (p.exclusiveMinimum !== undefined) row.exclusiveMinimum = p.exclusiveMinimum;
    if (p.exclusiveMaximum !== undefined) row.exclusiveMaximum = p.exclusiveMaximum;
    if (p.description !== undefined) row.description = p.description;
    return row;
  });
}
