// Manifest validation that reports every problem at once, each with its path, as data.

import type { NodeMetadata } from '@remotemedia/contract';
import { Ajv } from 'ajv';
import { portTypesMatch, routeEdge, topologicalOrder } from '../graph.js';
import { checkParams, effectiveParams } from '../params.js';
import type { AnyNodeRegistry } from '../registry.js';
import { didYouMean } from '../suggest.js';
import { manifestSchema } from './schema.js';
import type { Manifest, ManifestIssue, ManifestValidation } from './types.js';

const validateShape = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true }).compile(
  manifestSchema,
);

function jsonPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((escaped, i) => {
      // JSON Pointer escapes: a key's '/' and '~' come back as they were written.
      const part = escaped.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`;
    })
    .join('');
}

function shapeIssues(manifest: unknown): ManifestIssue[] {
  if (validateShape(manifest)) return [];
  return (validateShape.errors ?? []).map((e) => {
    const base = jsonPath(e.instancePath);
    const p = e.params as Record<string, unknown>;
    if (e.keyword === 'required') {
      const path = base === '' ? String(p.missingProperty) : `${base}.${String(p.missingProperty)}`;
      return { path, code: 'ERR_MANIFEST', message: `${path} is required` };
    }
    if (e.keyword === 'additionalProperties') {
      const key = String(p.additionalProperty);
      const path = base === '' ? key : `${base}.${key}`;
      return { path, code: 'ERR_MANIFEST', message: `unknown field '${key}'` };
    }
    const allowed = e.keyword === 'enum' ? `: ${(p.allowedValues as unknown[]).join(', ')}` : '';
    return {
      path: base || '(root)',
      code: 'ERR_MANIFEST',
      message: `${base || 'manifest'} ${e.message}${allowed}`,
    };
  });
}

/**
 * Checks a manifest against the registry and returns every problem: shape, duplicate ids,
 * unknown types (with a suggestion), bad params, dangling connections, unknown ports, port type
 * mismatches, and cycles (ERR_CYCLE naming the cycle).
 */
export function validateManifest(manifest: unknown, registry: AnyNodeRegistry): ManifestValidation {
  const errors = shapeIssues(manifest);
  const m = manifest as Partial<Manifest> | null;
  const nodes = Array.isArray(m?.nodes) ? m.nodes : [];
  const connections = Array.isArray(m?.connections) ? m.connections : [];

  if (Array.isArray(m?.nodes) && nodes.length === 0) {
    errors.push({
      path: 'nodes',
      code: 'ERR_MANIFEST',
      message: 'a pipeline needs at least one node',
    });
  }

  const indexById = new Map<string, number>();
  const metadata = new Map<string, NodeMetadata | undefined>();
  nodes.forEach((node, i) => {
    if (typeof node?.id !== 'string') return;
    const first = indexById.get(node.id);
    if (first !== undefined) {
      errors.push({
        path: `nodes[${i}].id`,
        code: 'ERR_MANIFEST',
        message: `duplicate node id '${node.id}' (first used at nodes[${first}]); ids must be unique`,
      });
      return;
    }
    indexById.set(node.id, i);
    metadata.set(node.id, undefined);
    // The shape check reports a missing type; connections to this id are not dangling.
    if (typeof node.type !== 'string') return;
    const remote = node.placement?.remote === true;
    if (remote && registry.remoteRuntime === undefined) {
      errors.push({
        path: `nodes[${i}].placement`,
        code: 'ERR_NODE_NOT_FOUND',
        message: `node '${node.id}' is placed remote, but the registry has no remote runtime; build it with { remote }`,
      });
    }
    // A remote-only type may be unknown here: the worker that serves it checks it.
    if (!registry.has(node.type) && !remote) {
      errors.push({
        path: `nodes[${i}].type`,
        code: 'ERR_NODE_NOT_FOUND',
        message: `unknown node type '${node.type}'${didYouMean(node.type, registry.listNodeTypes())}`,
      });
      return;
    }
    const runtime = node.runtime ?? 'auto';
    const runtimes = registry.runtimesOf(node.type);
    if (runtime !== 'auto' && !runtimes.includes(runtime)) {
      errors.push({
        path: `nodes[${i}].runtime`,
        code: 'ERR_NODE_NOT_FOUND',
        message: `node type '${node.type}' has no ${runtime} implementation (available: ${runtimes.join(', ')})`,
      });
    }
    const meta = registry.getMetadata(node.type);
    metadata.set(node.id, meta);
    const definition = registry.getDefinition(node.type);
    if (meta === undefined || (runtime === 'python' && definition?.runtime !== 'python')) return;
    let params: unknown;
    try {
      params =
        definition === undefined ? (node.params ?? {}) : effectiveParams(definition, node.params);
    } catch (error) {
      errors.push({
        path: `nodes[${i}].params`,
        code: 'ERR_INVALID_PARAM',
        message: String(error),
      });
      return;
    }
    for (const issue of checkParams(meta.params, params)) {
      errors.push({
        path: `nodes[${i}].${issue.path}`,
        code: 'ERR_INVALID_PARAM',
        message: `${node.type}: ${issue.message}`,
      });
    }
  });

  const ids = [...indexById.keys()];
  const edges = connections.filter((c, j) => {
    if (typeof c?.from !== 'string' || typeof c.to !== 'string') return false;
    let ok = true;
    for (const end of ['from', 'to'] as const) {
      if (!indexById.has(c[end])) {
        ok = false;
        errors.push({
          path: `connections[${j}].${end}`,
          code: 'ERR_MANIFEST',
          message: `dangling connection: no node with id '${c[end]}'${didYouMean(c[end], ids)}`,
        });
      }
    }
    if (!ok) return false;
    const route = routeEdge(c, metadata.get(c.from), metadata.get(c.to));
    for (const problem of route.problems) {
      errors.push({
        path: `connections[${j}].${problem.field}`,
        code: 'ERR_MANIFEST',
        message: problem.message,
      });
    }
    if (route.problems.length === 0 && !portTypesMatch(route.fromType, route.toType)) {
      errors.push({
        path: `connections[${j}]`,
        code: 'ERR_MANIFEST',
        message: `port type mismatch: '${c.from}' gives ${route.fromType} but '${c.to}' expects ${route.toType}`,
      });
    }
    return true;
  });

  const sorted = topologicalOrder(ids, edges);
  if (sorted.cycle !== undefined) {
    errors.push({
      path: 'connections',
      code: 'ERR_CYCLE',
      message: `cycle: ${sorted.cycle.join(' -> ')}; a pipeline must be acyclic`,
    });
  }
  return { ok: errors.length === 0, errors };
}
