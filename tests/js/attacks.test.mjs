// Token attacks over the built package in Node: the shared families of
// tests/js/cases/attack-cases.mjs (which also run in Chromium), each self-contained; the
// totals are printed.
import { describe, test } from 'node:test';

import * as gt from '../../pkg/node.js';
import { attackCases } from './cases/attack-cases.mjs';

describe('verifyToken rejects', async () => {
  for (const { name, fn } of await attackCases({ gt, log: (line) => console.log(line) })) test(name, fn);
});
