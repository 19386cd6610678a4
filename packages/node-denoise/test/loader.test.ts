import { fileURLToPath } from 'node:url';
import { describeMissingBinary } from '../../../tools/testing/missing-binary.js';

describeMissingBinary(fileURLToPath(new URL('..', import.meta.url)), '@remotemedia/node-denoise');
