// Params validation at the edge: every definition's JSON Schema is compiled once (ajv, strict,
// all errors) and unknown keys are always rejected, whether or not the schema says so.

import type { JsonSchema } from '@remotemedia/contract';
import { RemoteMediaError } from '@remotemedia/errors';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

/** One problem with a params object; `path` is like `params.quality` or `params.gains[2]`. */
export interface ParamIssue {
  path: string;
  message: string;
}

const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    // A schema that does not forbid extra keys would let typos through silently.
    const keywords = schema as { type?: unknown; additionalProperties?: unknown };
    const closed =
      keywords.type === 'object' && keywords.additionalProperties === undefined
        ? { ...schema, additionalProperties: false }
        : schema;
    validate = ajv.compile(closed);
    compiled.set(schema, validate);
  }
  return validate;
}

function pathOf(instancePath: string): string {
  let path = 'params';
  for (const part of instancePath.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(key) ? `[${key}]` : `.${key}`;
  }
  return path;
}

function describeIssue(error: ErrorObject, schema: JsonSchema): ParamIssue {
  const path = pathOf(error.instancePath);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const allowed = Object.keys((schema as { properties?: object }).properties ?? {});
      return {
        path: `${path}.${String(p.additionalProperty)}`,
        message: `unknown param '${String(p.additionalProperty)}'; allowed: ${allowed.join(', ') || '(none)'}`,
      };
    }
    case 'required':
      return {
        path: `${path}.${String(p.missingProperty)}`,
        message: `${path}.${String(p.missingProperty)} is required`,
      };
    case 'enum':
      return {
        path,
        message: `${path} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    default:
      return { path, message: `${path} ${error.message ?? 'is invalid'}` };
  }
}

/** Every problem with `params` against `schema`; an empty array when they are valid. */
export function checkParams(schema: JsonSchema, params: unknown): ParamIssue[] {
  const validate = validatorFor(schema);
  if (validate(params ?? {})) return [];
  const issues: ParamIssue[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    // anyOf branches report one error per branch; the summary line is enough.
    if (error.schemaPath.includes('/anyOf/') || error.schemaPath.includes('/oneOf/')) continue;
    const issue = describeIssue(error, schema);
    const key = `${issue.path}\u0000${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}

/** Throws ERR_INVALID_PARAM naming every offending field, e.g. `AudioResample: params.to is required`. */
export function assertParams(type: string, schema: JsonSchema, params: unknown): void {
  const issues = checkParams(schema, params);
  if (issues.length === 0) return;
  throw new RemoteMediaError(
    'ERR_INVALID_PARAM',
    `invalid params for ${type}: ${issues.map((i) => i.message).join('; ')}`,
  );
}

/** Marks a definition (from `rustWith`) whose params are transformed before validation. */
export const TRANSFORM: unique symbol = Symbol('remotemedia.paramsTransform');

/** The params a definition's `create` receives: the caller's, through its transform if any. */
export function effectiveParams(definition: object, params: unknown): unknown {
  const transform = (definition as { [TRANSFORM]?: (p: unknown) => unknown })[TRANSFORM];
  return transform === undefined ? (params ?? {}) : transform(params ?? {});
}
