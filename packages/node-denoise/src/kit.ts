// This package's Rust node set: node metadata (the one source of nodes.json and of the
// definitions), and the definitions themselves, run by the generic instance of
// @remotemedia/native.
import { readKitNodeSet } from '@remotemedia/native';
import { binding } from './native.js';

export const kitNodeSet = readKitNodeSet(binding);
