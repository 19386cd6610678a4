// This package's Rust node set, read from its binding. Written by the generator; do not edit.
import { readKitNodeSet } from '@remotemedia/native';
import { binding } from './native.js';

export const kitNodeSet = readKitNodeSet(binding);
