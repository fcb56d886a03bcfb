// The one verdict. `checkToken` decides whether a token is valid; verifyToken,
// verifyIdentityToken, createIdentitySigner and inspectToken all call it, as go-replidentity's
// VerifyIdentity and VerifyRenewIdentity both call VerifyToken. Its order: the signatures
// (the token's and, for a certificate chain, every certificate's) on the raw parts, before any
// signed byte is decoded; then the certificates' lifetimes and attenuation; then the token's
// own body, time, what its signing certificate covers and holds, and the claims asked for.

import {
  GovalTokenError,
  KeyError,
  TokenClaimError,
  TokenExpiredError,
  TokenFormatError,
  TokenNotYetValidError,
  TokenSignatureError,
} from '../errors.js';
import { decodeGovalReplIdentity, decodeReplToken } from '../gen/api.js';
import { importPublicKey } from '../crypto/keys.js';
import { decodeBase64Text } from '../lib/base64.js';
import { readOptions } from '../lib/options.js';
import { describe } from '../lib/text.js';
import { dateOf, rfc3339 } from '../lib/time.js';
import { splitToken, verifySignature } from '../token/paseto.js';
import { asTokenFormatError, decodeTypeAware, footerVersion, looksLikePublicKey, replIdOf } from '../token/parse.js';
import { timeOptions, timeStatusOf, validityOf } from '../token/time.js';
import { checkCovered, checkFlags, flagNames, govalTokenWants, identityWants, replTokenWants } from './claims.js';
import { linkError } from './link.js';
import { isKeySource, keySource, keysOf, namesCertificate, readBody, readFooter, verifyChain } from './walk.js';

/**
 * The flags a signing certificate must hold for each kind of token, unless the caller names
 * others (`flags`). A root key needs none for a ReplToken or a Ghostwriter token (Replit's own
 * servers sign them so, and replit-py accepts root-signed Ghostwriter tokens); an identity token
 * signed by a root key directly carries no flags, so it is refused while any flag is required,
 * as go-replidentity's VerifyToken does.
 */
const DEFAULT_FLAGS = {
  ReplToken: ['MINT_GOVAL_TOKEN'],
  GovalReplIdentity: ['IDENTITY'],
  GovalToken: ['GHOSTWRITER'],
};

/**
 * Checks `input` against `keys` (one public key, or a key source) and `policy`; resolves to
 * what was verified, or throws the typed error that says why the token is not valid.
 * `policy`:
 * - `kind`: 'ReplToken', 'GovalReplIdentity', 'GovalToken' (Ghostwriter), or 'any' (the body
 *   decides; inspectToken);
 * - `time`: `{ now?: Timestamp, skew }` (no `now`: no lifetime checks);
 * - `flags`: string[] the signing certificate must hold (undefined: the kind's default);
 * - `audience` (string[]), `source`: identity tokens; `cluster`, `replId`, `issuer`, `keyId`:
 *   ReplTokens; `replId`: Ghostwriter tokens too.
 * `state.signature` becomes 'valid' once every signature in the token holds.
 */
export async function checkToken(input, keys, policy, state = {}) {
  const parts = splitToken(input);
  const walked = await checkSignatures(parts, keys, policy.time, state);
  const at = tokenLink(walked);
  const { footer } = walked;
  let version;
  try {
    version = footerVersion(footer);
  } catch (error) {
    throw linkError(error, at);
  }
  const { messageType, message } = readMessage(walked, version, policy.kind, at);
  const signing = walked.signingCertificate;

  // A root-signed certificate reads as a ReplToken whose cluster is its certified key.
  if (messageType === 'ReplToken' && looksLikePublicKey(message.cluster)) {
    throw linkError(
      new TokenFormatError('the body is a certificate (a GovalCert: its cluster would be a public key), not a ReplToken', {
        reason: 'certificate-not-token',
        path: 'message',
      }),
      at,
    );
  }
  if (messageType !== 'GovalReplIdentity' && policy.time.now !== undefined) onToken(at, () => checkTime(message, policy.time));
  if (signing !== undefined) {
    const wants = messageType === 'ReplToken' ? replTokenWants(message) : messageType === 'GovalToken' ? govalTokenWants(message) : identityWants(message);
    checkCovered(signing, wants, at);
  }
  checkFlags(messageType, signing, policy.flags ?? DEFAULT_FLAGS[messageType], at);
  if (messageType === 'GovalReplIdentity') checkIdentityClaims(message, policy, at);
  if (messageType === 'ReplToken') onToken(at, () => checkReplTokenClaims(message, footer, policy));
  if (messageType === 'GovalToken' && policy.replId !== undefined) {
    onToken(at, () => checkClaim('replId', policy.replId, message.replid, 'replid', JSON.stringify(message.replid)));
  }
  return { messageType, message, walked };
}

/** Runs a check of the token's own body; its error names the token as link 0 (its words unchanged). */
function onToken(at, check) {
  try {
    check();
  } catch (error) {
    error.link = { depth: 0, issuer: at.issuer, keyId: at.keyId };
    throw error;
  }
}

/** Every signature from the root key up, then every certificate's lifetime and claims. */
async function checkSignatures(parts, keys, time, state) {
  if (isKeySource(keys)) {
    try {
      return await verifyChain(parts, keySource(keys, 'publicKeys'), time, state);
    } catch (error) {
      if (!unreadableSigner(error, state) || (await signedByAnyOf(keysOf(keys), parts))) throw error;
      // The footers name the signing key and do not read, and no key of the source signed the
      // token as it stands: a changed token, reported as the bad signature it is.
      throw new TokenSignatureError(`no key of the key source verifies the signature, and the footer naming the signer cannot be read (${error.message})`, {
        path: 'signature',
        cause: error,
      });
    }
  }
  const key = await importPublicKey(keys, 'publicKey');
  if (await verifySignature(key, parts)) {
    state.signature = 'valid';
    const level = { depth: 0, parts, issuer: '' };
    const footer = parts.footer === undefined ? undefined : readFooter(parts.footer, level);
    return { body: readBody(level), footer, parts, chain: [], signingCertificate: undefined };
  }
  // One key that did not sign the token itself may be the root of the chain its footer names.
  if (!namesCertificate(parts)) throw new TokenSignatureError('the signature does not verify with this public key', { path: 'signature' });
  try {
    return await verifyChain(parts, keySource(keys, 'publicKey'), time, state);
  } catch (error) {
    if (!(error instanceof TokenFormatError) || state.signature === 'valid') throw error;
    // Unreadable links under a signature this key does not verify: the footer may have been changed.
    throw new TokenSignatureError(`the signature does not verify with this public key, and the certificate chain its footer names cannot be read (${error.message})`, {
      path: 'signature',
      cause: error,
    });
  }
}

/**
 * Whether a chain walk failed on text that does not read (the token's footer, or a
 * certificate in it: what a changed character there makes of them), before any signature
 * could be checked. A chain that reads but is too deep, or names no signer, is what it says.
 */
function unreadableSigner(error, state) {
  return error instanceof TokenFormatError && state.footersRead !== true && error.reason !== 'chain-too-deep' && error.reason !== 'no-signer';
}

/** Whether one of `keys` (any accepted form; unreadable ones skipped) signed the raw parts. */
async function signedByAnyOf(keys, parts) {
  for (const value of keys) {
    let key;
    try {
      key = await importPublicKey(value, 'publicKeys');
    } catch {
      continue;
    }
    if (await verifySignature(key, parts)) return true;
  }
  return false;
}

function readMessage(walked, version, kind, at) {
  const bytes = walked.body.bytes;
  if (kind === 'GovalReplIdentity' && version !== 'TYPE_AWARE_TOKEN') {
    throw linkError(
      new TokenFormatError(`not an identity token: the footer version is ${walked.footer === undefined ? 'absent (no footer)' : version}, identity tokens are TYPE_AWARE_TOKEN`, {
        reason: 'not-identity-token',
        path: 'footer.version',
      }),
      at,
    );
  }
  if (kind === 'ReplToken' && version !== 'BARE_REPL_TOKEN') {
    throw linkError(
      new TokenFormatError(`footer version ${version} is not supported: only BARE_REPL_TOKEN bodies are ReplTokens (identity tokens: verifyIdentityToken)`, {
        reason: 'unsupported-footer-version',
        path: 'footer.version',
      }),
      at,
    );
  }
  if (kind === 'GovalToken' && version !== 'TYPE_AWARE_TOKEN') {
    throw linkError(
      new TokenFormatError(`not a Ghostwriter token: the footer version is ${walked.footer === undefined ? 'absent (no footer)' : version}, Ghostwriter tokens are TYPE_AWARE_TOKEN`, {
        reason: 'not-ghostwriter-token',
        path: 'footer.version',
      }),
      at,
    );
  }
  let read;
  try {
    if (version === 'BARE_REPL_TOKEN') return { messageType: 'ReplToken', message: decodeReplToken(bytes) };
    if (kind === 'GovalReplIdentity') return { messageType: 'GovalReplIdentity', message: decodeGovalReplIdentity(bytes) };
    read = decodeTypeAware(bytes);
  } catch (error) {
    const what = version === 'BARE_REPL_TOKEN' ? 'ReplToken' : 'GovalReplIdentity';
    throw linkError(asTokenFormatError(error, 'message', what), at);
  }
  if (kind === 'GovalToken' && read.messageType !== 'GovalToken') {
    throw linkError(
      new TokenFormatError('not a Ghostwriter token: the body is not a GovalToken (an identity token? verifyIdentityToken)', {
        reason: 'not-ghostwriter-token',
        path: 'message',
      }),
      at,
    );
  }
  return read;
}

function checkTime(message, time) {
  const validity = validityOf(message);
  const { now, skew } = time;
  const status = timeStatusOf(validity, now, skew);
  if (status === 'not-yet-valid') {
    const { issuedAt } = validity;
    throw new TokenNotYetValidError(`the token is valid from ${rfc3339(issuedAt)}, ${issuedAt.seconds - now.seconds} s after now (${rfc3339(now)})`, {
      path: 'iat',
      validFrom: dateOf(issuedAt),
      now: dateOf(now),
    });
  }
  if (status === 'expired') {
    const { expiresAt } = validity;
    throw new TokenExpiredError(`the token expired at ${rfc3339(expiresAt)}, ${now.seconds - expiresAt.seconds} s before now (${rfc3339(now)})`, {
      path: 'exp',
      expiredAt: dateOf(expiresAt),
      now: dateOf(now),
    });
  }
}

function checkIdentityClaims(identity, policy, at) {
  const { audience, source } = policy;
  if (audience !== undefined && !audience.includes(identity.aud)) {
    const wanted = audience.length === 1 ? 'the audience expected' : `any of the ${audience.length} audiences expected`;
    throw linkError(
      new TokenClaimError(`it is for audience ${JSON.stringify(identity.aud)}, not ${wanted} (${audience.map(describe).join(', ')})`, {
        path: 'aud',
        claim: 'aud',
        expected: audience.map(describe),
        actual: identity.aud,
      }),
      at,
    );
  }
  // go-replidentity's WithSource: an identity that names its origin must name this one.
  if (source !== undefined && identity.originReplid !== '' && identity.originReplid !== source) {
    throw linkError(
      new TokenClaimError(`its origin repl is ${JSON.stringify(identity.originReplid)}, not the source expected (${describe(source)})`, {
        path: 'originReplid',
        claim: 'originReplid',
        expected: describe(source),
        actual: identity.originReplid,
      }),
      at,
    );
  }
}

function checkReplTokenClaims(message, footer, policy) {
  checkClaim('cluster', policy.cluster, message.cluster, 'cluster', JSON.stringify(message.cluster));
  if (policy.replId !== undefined) {
    const actual = replIdOf(message);
    const shown = actual === undefined ? `no repl id (metadata ${message.metadata.case ?? 'unset'})` : JSON.stringify(actual);
    checkClaim('replId', policy.replId, actual, 'metadata', shown);
  }
  if (policy.issuer !== undefined) {
    const actual = footer?.issuer;
    checkClaim('issuer', policy.issuer, actual, 'footer.issuer', actual === undefined ? 'no footer' : JSON.stringify(actual));
  }
  if (policy.keyId !== undefined) {
    const actual = footer?.cert.case === 'keyId' ? footer.cert.value : undefined;
    const shown = actual !== undefined ? JSON.stringify(actual) : footer === undefined ? 'no footer' : 'no key id (it is signed through a certificate)';
    checkClaim('keyId', policy.keyId, actual, 'footer.keyId', shown);
  }
}

function checkClaim(claim, expected, actual, path, shown) {
  if (expected === undefined || expected === actual) return;
  // What the caller expected is described, never quoted: swapped arguments may have put a key there.
  throw new TokenClaimError(`the token has ${claim} ${shown}, not the ${claim} expected (${describe(expected)})`, {
    path,
    claim,
    expected: describe(expected),
    actual,
  });
}

/** The token itself as a link: depth 0, its issuer, its root key id when a root key signed it. */
function tokenLink(walked) {
  const { footer } = walked;
  return { depth: 0, issuer: footer?.issuer ?? '', keyId: footer?.cert.case === 'keyId' ? footer.cert.value : undefined };
}

// ---------------------------------------------------------------- options

function checkTokenString(token) {
  if (typeof token !== 'string') throw new TokenFormatError(`expected a token string, got ${describe(token)}`, { reason: 'not-a-string' });
}

/** `flags`: an array of FlagClaim names; undefined keeps the kind's default. */
export function flagsOption(flags, path = 'options.flags') {
  if (flags === undefined) return undefined;
  if (!Array.isArray(flags)) throw new GovalTokenError(`expected an array of flag names (as ['IDENTITY']), got ${describe(flags)}`, { path });
  return flags.map((flag, i) => {
    if (typeof flag !== 'string' || !flagNames().includes(flag)) {
      throw new GovalTokenError(`expected a FlagClaim name (${flagNames().join(', ')}), got ${describe(flag)}`, { path: `${path}[${i}]` });
    }
    return flag;
  });
}

function stringOption(value, name) {
  if (value !== undefined && typeof value !== 'string') throw new GovalTokenError(`expected a string, got ${describe(value)}`, { path: `options.${name}` });
  return value;
}

function audienceOption(audience) {
  const list = typeof audience === 'string' ? [audience] : audience;
  if (!Array.isArray(list) || list.length === 0 || !list.every((a) => typeof a === 'string' && a !== '')) {
    throw new GovalTokenError(`expected the audience (your repl id) as a non-empty string or an array of them, got ${describe(audience)}`, { path: 'options.audience' });
  }
  return list;
}

// ---------------------------------------------------------------- entry points

const VERIFY_OPTIONS = ['now', 'clockSkewSeconds', 'cluster', 'replId', 'issuer', 'keyId', 'flags'];

/**
 * Checks a ReplToken's Ed25519 signature (through its certificate chain when it has one),
 * then its time (unless `now: false`), the flags of the certificate that signed it
 * (MINT_GOVAL_TOKEN unless `flags` says otherwise) and the claims asked for.
 */
export async function verifyToken(input, publicKey, options) {
  checkTokenString(input);
  const opts = readOptions(options, VERIFY_OPTIONS);
  const policy = {
    kind: 'ReplToken',
    time: timeOptions(opts),
    flags: flagsOption(opts.flags),
    cluster: stringOption(opts.cluster, 'cluster'),
    replId: stringOption(opts.replId, 'replId'),
    issuer: stringOption(opts.issuer, 'issuer'),
    keyId: stringOption(opts.keyId, 'keyId'),
  };
  const { message, walked } = await checkToken(input, publicKey, policy);
  const chained = isKeySource(publicKey) || walked.chain.length > 0;
  return { version: 'v2', purpose: 'public', messageType: 'ReplToken', message, ...tokenFields(walked), ...(chained ? chainFields(walked) : {}) };
}

const IDENTITY_OPTIONS = ['publicKeys', 'audience', 'flags', 'source', 'now', 'clockSkewSeconds'];

/**
 * Verifies a Replit identity token (REPL_IDENTITY, or one another repl signed for you) and its
 * certificate chain, as go-replidentity's VerifyToken: the signing certificate holds `flags`
 * (IDENTITY unless told otherwise; ['RENEW_IDENTITY'] is VerifyRenewIdentity) and covers the
 * identity, `aud` is one of `audience`, and `originReplid`, when set, is `source`.
 */
export async function verifyIdentityToken(token, options) {
  checkTokenString(token);
  const opts = readOptions(options, IDENTITY_OPTIONS, 'verifyIdentityToken');
  const audience = audienceOption(opts.audience);
  if (opts.publicKeys === undefined) {
    throw new KeyError('a key source is required: a map key id → public key, REPL_PUBKEYS JSON or a function', { path: 'options.publicKeys' });
  }
  const source = stringOption(opts.source, 'source');
  const policy = { kind: 'GovalReplIdentity', time: timeOptions(opts), flags: flagsOption(opts.flags), audience, source };
  const { message, walked } = await checkToken(token, opts.publicKeys, policy);
  return { identity: message, ...chainFields(walked), ...tokenFields(walked) };
}

const GHOSTWRITER_OPTIONS = ['now', 'clockSkewSeconds', 'flags', 'replId'];

/**
 * Verifies a Ghostwriter token (a GovalToken body, TYPE_AWARE footer), as replit-py's
 * verify_ghostwriter: its signature and certificate chain, the GHOSTWRITER flag on the
 * certificate that signed it (a root key needs none), that the certificate covers its
 * `replid`; and, beyond replit-py, its own iat/exp (unless `now: false`) and `replId` when
 * given.
 */
export async function verifyGhostwriterToken(token, publicKeys, options) {
  checkTokenString(token);
  const opts = readOptions(options, GHOSTWRITER_OPTIONS, 'verifyGhostwriterToken');
  const policy = { kind: 'GovalToken', time: timeOptions(opts), flags: flagsOption(opts.flags), replId: stringOption(opts.replId, 'replId') };
  const { message, walked } = await checkToken(token, publicKeys, policy);
  return { version: 'v2', purpose: 'public', messageType: 'GovalToken', message, ...tokenFields(walked), ...chainFields(walked) };
}

/** The verified token's parts, as every verify function reports them. */
function tokenFields(walked) {
  return {
    footer: walked.footer,
    signature: walked.parts.signature,
    messageBase64: walked.body.text,
    footerBase64: walked.parts.footer === undefined ? '' : decodeBase64Text(walked.parts.footer).text,
    token: walked.parts.token,
  };
}

/** What a verification through a key source or a certificate chain reports beside them. */
function chainFields(walked) {
  const signing = walked.signingCertificate;
  const rootKeyId = walked.chain.length > 0 ? walked.chain[0].keyId : walked.footer?.cert.case === 'keyId' ? walked.footer.cert.value : undefined;
  return { chain: walked.chain, signedBy: signing ? 'certificate' : 'root-key', flags: signing ? signing.flags : [], rootKeyId };
}
