// `npm run demo`: create a token, encode it, decode it again, and show each step.
import {
  createReplToken,
  decodeReplToken,
  encodeReplToken,
} from '../pkg/node.js';

const token = createReplToken({
  cluster: 'global',
  persistence: 'EPHEMERAL',
  metadata: {
    case: 'repl',
    value: { id: '1f0c2b7e-5b5e-4d2a-9a51-0a6f0f4c8e21', language: 'python3', slug: 'demo', user: 'ada' },
  },
  resourceLimits: { net: true, memory: 2n * 1024n ** 3n, threads: 2, shares: 1024, disk: 10n * 1024n ** 3n },
  presenced: { bearerID: 42, bearerName: 'ada' },
  flags: ['a', 'b'],
});
console.log('createReplToken →', token);

const bytes = encodeReplToken(token);
console.log(`\nencodeReplToken → ${bytes.length} bytes`);
console.log('  hex:   ', Buffer.from(bytes).toString('hex'));
console.log('  base64:', Buffer.from(bytes).toString('base64'));

const decoded = decodeReplToken(bytes);
console.log('\ndecodeReplToken →', decoded);
