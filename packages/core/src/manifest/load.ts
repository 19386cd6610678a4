// Reading manifests: a file path or the text itself, JSON or YAML.
import { readFile } from 'node:fs/promises';
import { isRemoteMediaError, RemoteMediaError } from '@remotemedia/errors';
import { parseDocument } from 'yaml';
import { MANIFEST_LIMITS } from './limits.js';
import type { Manifest } from './types.js';

/**
 * Loads a manifest from a path (`.json`, `.yaml`, `.yml`) or from JSON/YAML text (anything with a
 * newline or starting with `{`). Only parses: check it with `validateManifest`.
 *
 * @throws RemoteMediaError ERR_IO (unreadable file), ERR_MANIFEST (not JSON/YAML, not an object)
 */
export async function loadManifest(pathOrText: string): Promise<Manifest> {
  const isText = /^\s*\{/.test(pathOrText) || pathOrText.includes('\n');
  let text = pathOrText;
  if (!isText) {
    try {
      text = await readFile(pathOrText, 'utf8');
    } catch (error) {
      throw new RemoteMediaError(
        'ERR_IO',
        `cannot read manifest '${pathOrText}': ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  return parseManifest(text, isText ? 'manifest text' : pathOrText);
}

/** Parses JSON or YAML manifest text (YAML is a superset of JSON). */
export function parseManifest(text: string, source = 'manifest text'): Manifest {
  if (typeof text !== 'string') {
    throw new RemoteMediaError('ERR_MANIFEST', `${source} must be text, got ${typeof text}`);
  }
  if (text.length > MANIFEST_LIMITS.textChars) {
    throw new RemoteMediaError(
      'ERR_MANIFEST',
      `${source} is ${text.length} characters, over the ${MANIFEST_LIMITS.textChars}-character limit`,
    );
  }
  let value: unknown;
  try {
    const document = parseDocument(text, { prettyErrors: true });
    const [error] = document.errors;
    if (error !== undefined) throw error;
    // A warning (unknown tag or directive, ambiguous anchor) means the manifest does not say
    // what it seems to: refused, and never printed on the process's stderr.
    const [warning] = document.warnings;
    if (warning !== undefined) {
      throw new RemoteMediaError('ERR_MANIFEST', `${source}: ${warning.message}`, {
        cause: warning,
      });
    }
    value = document.toJS();
  } catch (error) {
    if (isRemoteMediaError(error)) throw error;
    throw new RemoteMediaError(
      'ERR_MANIFEST',
      `${source} is neither valid JSON nor YAML: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RemoteMediaError(
      'ERR_MANIFEST',
      `${source} must be an object { version, nodes, connections }`,
    );
  }
  return value as Manifest;
}
