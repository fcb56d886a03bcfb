// Token speed (issue 12): verifyToken and signToken against the `paseto` npm package in Node
// (node:crypto inside both), and against a hand-written WebCrypto PASETO in headless
// Chromium. Same message, key and footer for every implementation; every call awaited one at
// a time; implementations interleaved round by round; the ratio is the median of the
// per-round ratios. Prints a table; `--json <file>` also writes the figures.
//
//   node bench/tokens.mjs [--quick] [--only node|chromium] [--json out.json]
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const MESSAGE = {
  salt: 'c2FsdHNhbHRzYWx0c2FsdHNh',
  cluster: 'global',
  persistence: 'EPHEMERAL',
  metadata: { case: 'repl', value: { id: '1f0c2b7e-5b5e-4d2a-9a51-0a6f0f4c8e21', language: 'python3', slug: 'hello', user: 'ada' } },
  resourceLimits: { net: true, memory: 2n ** 31n, threads: 2, shares: 1024, disk: 10n * 2n ** 30n },
  presenced: { bearerID: 42, bearerName: 'ada' },
  flags: ['gcsfiles', 'nix'],
};
const FOOTER = { cert: { case: 'keyId', value: 'prod:3' }, issuer: 'replit.com' };
const SEED = Uint8Array.from({ length: 32 }, (_, i) => i * 7 + 1);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Runs `impls` (name → async () => void) interleaved: per round each runs `calls` awaited
 * calls. Returns name → { median ops/s, ratio: median of per-round ratios to `baseline` }.
 */
export async function interleaved(impls, { rounds, calls, baseline, now = () => performance.now() }) {
  const names = Object.keys(impls);
  const rates = Object.fromEntries(names.map((n) => [n, []]));
  for (const fn of Object.values(impls)) for (let i = 0; i < Math.max(20, calls >> 3); i++) await fn(); // warm-up
  for (let r = 0; r < rounds; r++) {
    // Rotate the order each round so no implementation always runs first.
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + r) % names.length];
      const fn = impls[name];
      const start = now();
      for (let i = 0; i < calls; i++) await fn();
      rates[name].push((calls * 1000) / (now() - start));
    }
  }
  const out = {};
  for (const name of names) {
    out[name] = {
      median: median(rates[name]),
      ratio: median(rates[name].map((rate, r) => rate / rates[baseline][r])),
    };
  }
  return out;
}

function table(title, results, baseline) {
  const lines = [`${title} (ops/s, median; ratio to ${baseline}, median of per-round ratios)`];
  for (const [op, impls] of Object.entries(results)) {
    for (const [name, { median: ops, ratio }] of Object.entries(impls)) {
      lines.push(`  ${op.padEnd(7)} ${name.padEnd(44)} ${Math.round(ops).toString().padStart(7)}  ${ratio.toFixed(2)}×`);
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------- Node

export async function runNodeTokens({ quick = false } = {}) {
  const gt = await import('../pkg/node.js');
  const { V2 } = createRequire(import.meta.url)('paseto');
  const pair = await gt.generateSigningKeyPair();
  void pair;
  const secretKey = new Uint8Array(64);
  secretKey.set(SEED);
  const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(SEED)]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  const publicRaw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(12));
  secretKey.set(publicRaw, 32);
  const paserk = `k2.secret.${Buffer.from(secretKey).toString('base64url')}`;

  // One message for all: created now (so verifyToken's default clock check passes).
  const message = gt.createReplToken({ ...MESSAGE });
  const token = await gt.signToken(message, secretKey, FOOTER, { allowExpired: true });
  const parsed = gt.parseToken(token);
  const body = Buffer.from(parsed.messageBase64, 'latin1');
  const footer = Buffer.from(parsed.footerBase64, 'latin1');
  if ((await V2.sign(body, privateKey, { footer })) !== token) throw new Error('paseto signs differently');

  const settings = quick ? { rounds: 5, calls: 200 } : { rounds: 15, calls: 1000 };
  const verify = await interleaved(
    {
      'paseto (V2.verify, KeyObject, buffer payload)': () => V2.verify(token, publicKey, { buffer: true, complete: true }),
      'goval-token (verifyToken, 32-byte key)': () => gt.verifyToken(token, publicRaw),
      'goval-token (verifyToken, KeyObject)': () => gt.verifyToken(token, publicKey),
    },
    { ...settings, baseline: 'paseto (V2.verify, KeyObject, buffer payload)' },
  );
  const sign = await interleaved(
    {
      'paseto (V2.sign, KeyObject, base64 body given)': () => V2.sign(body, privateKey, { footer }),
      'goval-token (signToken, KeyObject)': () => gt.signToken(message, privateKey, FOOTER, { allowExpired: true }),
      'goval-token (signToken, 64-byte key)': () => gt.signToken(message, secretKey, FOOTER, { allowExpired: true }),
      'goval-token (signToken, PASERK)': () => gt.signToken(message, paserk, FOOTER, { allowExpired: true }),
    },
    { ...settings, baseline: 'paseto (V2.sign, KeyObject, base64 body given)' },
  );
  return { runtime: `Node ${process.version}`, settings, results: { verify, sign } };
}

// ---------------------------------------------------------------- Chromium

/** Runs in the page: our package against a hand-written WebCrypto PASETO. */
async function pageBench(settings, seed, message, footerInit) {
  const gt = await import('/pkg/index.js');
  const enc = (bytes) => btoa(String.fromCharCode(...bytes));
  const encUrl = (bytes) => enc(bytes).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const dec = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const decUrl = (text) => dec(text.replace(/-/g, '+').replace(/_/g, '/'));
  const latin1 = (text) => Uint8Array.from(text, (c) => c.charCodeAt(0));
  const pae = (pieces) => {
    const out = new Uint8Array(8 + pieces.reduce((n, p) => n + 8 + p.length, 0));
    const view = new DataView(out.buffer);
    view.setBigUint64(0, BigInt(pieces.length), true);
    let at = 8;
    for (const p of pieces) {
      view.setBigUint64(at, BigInt(p.length), true);
      out.set(p, at + 8);
      at += 8 + p.length;
    }
    return out;
  };
  const header = latin1('v2.public.');
  const pkcs8 = new Uint8Array([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20, ...seed]);
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, 'Ed25519', true, ['sign']);
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  const publicRaw = decUrl(jwk.x);
  const publicKey = await crypto.subtle.importKey('raw', publicRaw, 'Ed25519', true, ['verify']);
  const secretKey = new Uint8Array([...seed, ...publicRaw]);

  // The hand-written PASETO: the same steps as ours, straight over WebCrypto and atob/btoa.
  const hand = {
    async sign(msg, footer) {
      const m = latin1(enc(gt.encodeReplToken(msg)));
      const f = latin1(enc(gt.encodeGovalSigningAuthority(footer)));
      const sig = new Uint8Array(await crypto.subtle.sign('Ed25519', privateKey, pae([header, m, f])));
      const payload = new Uint8Array(m.length + 64);
      payload.set(m);
      payload.set(sig, m.length);
      return `v2.public.${encUrl(payload)}.${encUrl(f)}`;
    },
    async verify(token) {
      const [, , p, f] = token.split('.');
      const payload = decUrl(p);
      const footer = decUrl(f);
      const m = payload.subarray(0, payload.length - 64);
      const ok = await crypto.subtle.verify('Ed25519', publicKey, payload.subarray(payload.length - 64), pae([header, m, footer]));
      if (!ok) throw new Error('bad signature');
      const text = String.fromCharCode(...m);
      return { message: gt.decodeReplToken(dec(text)), footer: gt.decodeGovalSigningAuthority(dec(String.fromCharCode(...footer))) };
    },
  };

  const msg = gt.createReplToken(message);
  const token = await gt.signToken(msg, secretKey, footerInit, { allowExpired: true });
  if ((await hand.sign(msg, footerInit)) !== token) throw new Error('the hand-written PASETO signs differently');
  const median = (values) => {
    const s = [...values].sort((a, b) => a - b);
    return s.length % 2 ? s[s.length >> 1] : (s[(s.length >> 1) - 1] + s[s.length >> 1]) / 2;
  };
  async function interleavedInPage(impls, baseline) {
    const names = Object.keys(impls);
    const rates = Object.fromEntries(names.map((n) => [n, []]));
    for (const fn of Object.values(impls)) for (let i = 0; i < 20; i++) await fn();
    for (let r = 0; r < settings.rounds; r++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(k + r) % names.length];
        const start = performance.now();
        for (let i = 0; i < settings.calls; i++) await impls[name]();
        rates[name].push((settings.calls * 1000) / (performance.now() - start));
      }
    }
    return Object.fromEntries(
      names.map((n) => [n, { median: median(rates[n]), ratio: median(rates[n].map((x, r) => x / rates[baseline][r])) }]),
    );
  }
  const verify = await interleavedInPage(
    {
      'hand-written WebCrypto PASETO (CryptoKey)': () => hand.verify(token),
      'goval-token (verifyToken, 32-byte key)': () => gt.verifyToken(token, publicRaw),
      'goval-token (verifyToken, CryptoKey)': () => gt.verifyToken(token, publicKey),
    },
    'hand-written WebCrypto PASETO (CryptoKey)',
  );
  const sign = await interleavedInPage(
    {
      'hand-written WebCrypto PASETO (CryptoKey)': () => hand.sign(msg, footerInit),
      'goval-token (signToken, CryptoKey)': () => gt.signToken(msg, privateKey, footerInit, { allowExpired: true }),
      'goval-token (signToken, 64-byte key)': () => gt.signToken(msg, secretKey, footerInit, { allowExpired: true }),
    },
    'hand-written WebCrypto PASETO (CryptoKey)',
  );
  return { runtime: navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium', results: { verify, sign } };
}

export async function runChromiumTokens({ quick = false } = {}) {
  const { launch, serve } = await import('../tests/browser/chromium.mjs');
  const server = await serve(root);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/tests/browser/blank.html`);
    const settings = quick ? { rounds: 5, calls: 100 } : { rounds: 11, calls: 400 };
    const message = { ...MESSAGE, resourceLimits: { ...MESSAGE.resourceLimits, memory: String(MESSAGE.resourceLimits.memory), disk: String(MESSAGE.resourceLimits.disk) } };
    const out = await page.evaluate(
      `(${pageBench.toString()})(${JSON.stringify(settings)}, ${JSON.stringify(Array.from(SEED))}, ${JSON.stringify(message)}, ${JSON.stringify(FOOTER)})`,
    );
    return { ...out, settings };
  } finally {
    await browser.close();
    await server.close();
  }
}

export async function runTokenBench({ quick = false, only, log = () => {} } = {}) {
  const out = {};
  if (!only || only === 'node') {
    log('tokens: Node');
    out.node = await runNodeTokens({ quick });
    console.log(`\n${table(`Tokens, ${out.node.runtime}`, out.node.results, 'paseto')}`);
  }
  if (!only || only === 'chromium') {
    log('tokens: Chromium');
    out.chromium = await runChromiumTokens({ quick });
    console.log(`\n${table(`Tokens, ${out.chromium.runtime}`, out.chromium.results, 'the hand-written WebCrypto PASETO')}`);
  }
  if (out.node) {
    const { verify, sign } = out.node.results;
    const target = (op, impls, name) => `${impls[name].ratio >= 1.2 ? 'PASS' : 'MISS'} Node ${op} ≥ 1.2× paseto: ${name} ${impls[name].ratio.toFixed(2)}×`;
    out.targets = [
      target('verify', verify, 'goval-token (verifyToken, 32-byte key)'),
      target('sign', sign, 'goval-token (signToken, 64-byte key)'),
      target('sign', sign, 'goval-token (signToken, KeyObject)'),
    ];
    console.log(`\nToken targets (issue 12; reported, not enforced):\n${out.targets.join('\n')}`);
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const onlyAt = args.indexOf('--only');
  const out = await runTokenBench({ quick: args.includes('--quick'), only: onlyAt >= 0 ? args[onlyAt + 1] : undefined, log: (m) => process.stderr.write(`bench: ${m}\n`) });
  const jsonAt = args.indexOf('--json');
  if (jsonAt >= 0) writeFileSync(args[jsonAt + 1], `${JSON.stringify(out, null, 2)}\n`);
}
