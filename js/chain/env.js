// A repl's identity as its environment holds it, read as go-replidentity's
// CreateIdentityTokenSigningAuthority reads it: the token from /tmp/replidentity or
// REPL_IDENTITY, its key from /tmp/replidentity.key or REPL_IDENTITY_KEY (the renewal pair
// from REPL_RENEWAL and REPL_RENEWAL_KEY), this repl's id from REPL_ID and the root keys from
// REPL_PUBKEYS. Only Node has an environment; elsewhere the function says so.

import { GovalTokenError } from '../errors.js';
import { readOptions } from '../lib/options.js';
import { ownValue } from '../lib/object.js';
import { describe } from '../lib/text.js';
import { createIdentitySigner } from './identity.js';

const ENV_OPTIONS = ['renewal', 'env', 'files', 'now', 'clockSkewSeconds'];
const FILES = { token: '/tmp/replidentity', key: '/tmp/replidentity.key' };

/**
 * `createIdentitySigner` over this repl's environment. `renewal`: the REPL_RENEWAL pair
 * (certificates with RENEW_IDENTITY) instead of REPL_IDENTITY's. `env`: the variables (default
 * `process.env`); `files`: the token and key files to try first, `false` for none (default
 * go-replidentity's /tmp/replidentity and /tmp/replidentity.key, for the identity pair only).
 */
export async function identitySignerFromEnv(options) {
  const opts = readOptions(options, ENV_OPTIONS, 'identitySignerFromEnv');
  if (opts.env !== undefined && (opts.env === null || typeof opts.env !== 'object')) {
    throw new GovalTokenError(`expected an object of environment variables, got ${describe(opts.env)}`, { path: 'options.env' });
  }
  const env = opts.env ?? globalThis.process?.env;
  if (env === undefined || env === null || typeof env !== 'object') {
    throw new GovalTokenError('identitySignerFromEnv reads a repl\'s environment, which only Node has: elsewhere, give createIdentitySigner the token and key', {
      code: 'ERR_UNSUPPORTED_PLATFORM',
    });
  }
  if (opts.renewal !== undefined && typeof opts.renewal !== 'boolean') {
    throw new GovalTokenError(`expected true or false, got ${describe(opts.renewal)}`, { path: 'options.renewal' });
  }
  // Own properties only (process.env's too): a polluted Object.prototype names no variable.
  const variable = (name) => {
    const value = ownValue(env, name);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  if (variable('REPL_OWNER') === 'five-nine') {
    throw new GovalTokenError('not logged into Replit (REPL_OWNER is five-nine): this repl has no identity', { code: 'ERR_NO_IDENTITY' });
  }
  const [tokenName, keyName] = opts.renewal ? ['REPL_RENEWAL', 'REPL_RENEWAL_KEY'] : ['REPL_IDENTITY', 'REPL_IDENTITY_KEY'];
  const files = opts.files ?? (opts.renewal ? false : FILES);
  if (files !== false && (files === null || typeof files !== 'object')) {
    throw new GovalTokenError(`expected { token, key } file paths or false, got ${describe(files)}`, { path: 'options.files' });
  }
  const paths = files === false ? {} : { token: ownValue(files, 'token'), key: ownValue(files, 'key') };
  const token = (await readText(paths.token)) ?? variable(tokenName);
  const key = (await readText(paths.key)) ?? variable(keyName);
  // A path is named only when it is go-replidentity's own: one the caller gave may be anything.
  const from = (name, which) => (paths[which] === undefined ? name : `${paths[which] === FILES[which] ? paths[which] : `the file options.files.${which}`} or ${name}`);
  if (token === undefined) throw missing(`the identity token (${from(tokenName, 'token')})`);
  if (key === undefined) throw missing(`its key (${from(keyName, 'key')})`);
  const replId = variable('REPL_ID');
  if (replId === undefined) throw missing("this repl's id (REPL_ID)");
  const publicKeys = variable('REPL_PUBKEYS');
  if (publicKeys === undefined) throw missing('the root public keys (REPL_PUBKEYS)');
  return createIdentitySigner({
    identityToken: token,
    secretKey: key,
    replId,
    publicKeys,
    ...(opts.now === undefined ? {} : { now: opts.now }),
    ...(opts.clockSkewSeconds === undefined ? {} : { clockSkewSeconds: opts.clockSkewSeconds }),
  });
}

function missing(what) {
  return new GovalTokenError(`could not read ${what}: is this running in a repl?`, { code: 'ERR_NO_IDENTITY' });
}

/** A file's text, trimmed, or undefined when it cannot be read (as Go falls back to the variable). */
async function readText(path) {
  if (typeof path !== 'string') return undefined;
  let fs;
  try {
    const specifier = 'node:fs/promises'; // not a literal: browser bundlers leave it alone
    fs = await import(/* @vite-ignore */ specifier);
  } catch {
    return undefined;
  }
  try {
    const text = (await fs.readFile(path, 'utf8')).trim();
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}
