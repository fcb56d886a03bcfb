// The closed lists of errors.js (codes, TokenFormatError reasons, TokenClaimError claims)
// against the declarations in index.d.ts and against what the code raises: a reason or claim
// the code spells must be in its list, every list entry must be raised somewhere, and every
// error class carries its own code.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import * as gt from '../../pkg/node.js';
import { CLAIM_NAMES, ERROR_CODES, TOKEN_FORMAT_REASONS } from '../../pkg/errors.js';
import { FIELD_NAMES, MESSAGE_NAMES } from '../../pkg/gen/constants.js';

const root = new URL('../../', import.meta.url).pathname;
const declarations = readFileSync(join(root, 'js/index.d.ts'), 'utf8');

/** The string literals of a `type Name = | 'a' | 'b';` declaration. */
function declaredUnion(name) {
  const match = new RegExp(`export type ${name} =([^;]*);`).exec(declarations);
  assert.ok(match, `index.d.ts declares ${name}`);
  return [...match[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
}

/** Every hand-written source file of the package, as text. */
function sources() {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'gen') walk(path);
      } else if (entry.name.endsWith('.js')) out.push([path.slice(root.length), readFileSync(path, 'utf8')]);
    }
  };
  walk(join(root, 'js'));
  return out;
}

/** Kebab-case and camelCase literals on the lines where the code spells a reason, claim or code. */
function spelled(pattern) {
  const found = new Map();
  for (const [file, text] of sources()) {
    text.split('\n').forEach((line, i) => {
      if (!pattern.test(line)) return;
      for (const m of line.matchAll(/'([A-Za-z_][\w-]*)'/g)) found.set(m[1], `${file}:${i + 1}`);
    });
  }
  return found;
}

test('index.d.ts declares exactly the codes, reasons and claims of errors.js', () => {
  assert.deepEqual(declaredUnion('GovalTokenErrorCode'), [...ERROR_CODES]);
  assert.deepEqual(declaredUnion('TokenFormatReason'), [...TOKEN_FORMAT_REASONS]);
  assert.deepEqual(declaredUnion('TokenClaimName'), [...CLAIM_NAMES]);
});

test('every error class has its own code, as declared', () => {
  const classes = ['EncodeError', 'DecodeError', 'JsonError', 'TokenFormatError', 'TokenSignatureError', 'TokenExpiredError', 'TokenNotYetValidError', 'TokenClaimError', 'KeyError'];
  const codes = new Set();
  for (const name of classes) {
    const error = new gt[name]('detail');
    const declared = new RegExp(`class ${name} extends [\\s\\S]*?readonly code: '([A-Z_]+)';`).exec(declarations)?.[1];
    assert.equal(error.code, declared, name);
    assert.ok(ERROR_CODES.includes(error.code), name);
    codes.add(error.code);
  }
  assert.equal(codes.size, classes.length, 'no two classes share a code');
  // GovalTokenError itself: its own code, or an option's by default.
  assert.equal(new gt.GovalTokenError('x').code, 'ERR_INVALID_OPTION');
  assert.equal(new gt.GovalTokenError('x', { code: 'ERR_INTERNAL' }).code, 'ERR_INTERNAL');
  // A subclass keeps its own code whatever info says.
  assert.equal(new gt.KeyError('x', { code: 'ERR_INTERNAL' }).code, 'ERR_KEY');
});

test('every reason the code raises is in TOKEN_FORMAT_REASONS, and every one is raised', () => {
  const found = spelled(/reason|formatError\(|readBase64Part\(/i);
  const reasons = [...found.keys()].filter((s) => TOKEN_FORMAT_REASONS.includes(s) || /^[a-z]+(-[a-z0-9]+)+$/.test(s));
  for (const reason of reasons) assert.ok(TOKEN_FORMAT_REASONS.includes(reason), `${reason} (${found.get(reason)}) is not in TOKEN_FORMAT_REASONS`);
  for (const reason of TOKEN_FORMAT_REASONS) assert.ok(found.has(reason), `${reason} is listed but never raised`);
});

test('every claim the code raises is in CLAIM_NAMES, and every one is raised', () => {
  const found = spelled(/\bclaim: |coverError\(|checkClaim\(|Wants|wants\.push/);
  const claimCases = FIELD_NAMES[MESSAGE_NAMES.indexOf('CertificateClaim')];
  for (const name of CLAIM_NAMES) {
    // Certificate claims are raised by their oneof case's name (attenuation) or spelled (coverage).
    assert.ok(found.has(name) || claimCases.includes(name) || name === 'unknown', `${name} is listed but never raised`);
  }
  for (const name of claimCases) assert.ok(CLAIM_NAMES.includes(name), `CertificateClaim case ${name} is not in CLAIM_NAMES`);
  const claimed = [];
  for (const [file, text] of sources()) for (const m of text.matchAll(/\bclaim: '([^']+)'/g)) claimed.push([m[1], file]);
  for (const [name, file] of claimed) assert.ok(CLAIM_NAMES.includes(name), `claim '${name}' in ${file} is not in CLAIM_NAMES`);
});

test('every code the code spells is in ERROR_CODES', () => {
  for (const [file, text] of sources()) {
    for (const m of text.matchAll(/\bcode: '([^']+)'/g)) {
      assert.ok(ERROR_CODES.includes(m[1]), `code '${m[1]}' in ${file} is not in ERROR_CODES`);
    }
  }
});

test('errors raised through the API carry their code', async () => {
  const codeOf = async (fn) => {
    try {
      await fn();
    } catch (error) {
      return error.code;
    }
    assert.fail('expected an error');
  };
  assert.equal(await codeOf(() => gt.encodeReplToken({ cluster: 42 })), 'ERR_ENCODE');
  assert.equal(await codeOf(() => gt.decodeReplToken(Uint8Array.of(0x0a))), 'ERR_DECODE');
  assert.equal(await codeOf(() => gt.replTokenFromJson({ clutser: 'x' })), 'ERR_JSON');
  assert.equal(await codeOf(() => gt.parseToken('eyJhbGciOiJIUzI1NiJ9.eyJ9.abc')), 'ERR_TOKEN_FORMAT');
  assert.equal(await codeOf(() => gt.verifyToken('v2.public.x', 'not a key')), 'ERR_TOKEN_FORMAT');
  assert.equal(await codeOf(() => gt.verifyIdentityToken('v2.public.x', { audience: 'a', publicKeys: {}, nope: 1 })), 'ERR_INVALID_OPTION');
  const { publicKey, secretKey } = await gt.generateSigningKeyPair();
  const other = await gt.generateSigningKeyPair();
  const token = await gt.signToken(gt.createReplToken({ cluster: 'c' }), secretKey);
  assert.equal(await codeOf(() => gt.verifyToken(token, other.publicKey)), 'ERR_TOKEN_SIGNATURE');
  assert.equal(await codeOf(() => gt.verifyToken(token, publicKey, { now: new Date(Date.now() + 7200e3) })), 'ERR_TOKEN_EXPIRED');
  assert.equal(await codeOf(() => gt.verifyToken(token, publicKey, { now: new Date(0) })), 'ERR_TOKEN_NOT_YET_VALID');
  assert.equal(await codeOf(() => gt.verifyToken(token, publicKey, { cluster: 'd' })), 'ERR_TOKEN_CLAIM');
  assert.equal(await codeOf(() => gt.verifyToken(token, 'k2.public.AAAA')), 'ERR_KEY');
});
