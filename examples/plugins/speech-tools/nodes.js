// An example plugin: two TypeScript-runtime nodes found through `plugin_dirs` in remotemedia.toml.
// A plugin exports `nodes`, an array of node definitions (docs/node-contract.md).
import { segments } from './segments.js';
import { speechGate } from './speech-gate.js';

export const nodes = [segments, speechGate];
