#!/usr/bin/env node
import '../dist/nodes-bin.js';
