// The public API: the per-message functions generated from proto/ (js/gen/api.js), plus
// the hand-written ones of each layer. Every function takes and returns plain data; nothing
// needs `free()`. Nothing in js/ imports this file: it only gathers.

export * from './gen/api.js';
export {
  DecodeError,
  EncodeError,
  GovalTokenError,
  JsonError,
  KeyError,
  TokenClaimError,
  TokenError,
  TokenExpiredError,
  TokenFormatError,
  TokenNotYetValidError,
  TokenSignatureError,
} from './errors.js';
export { createReplToken, timestampFromDate, timestampNow, timestampToDate } from './codec/model.js';

// Tokens: plain JS over the platform's Ed25519. Every function that touches a key is async,
// in every environment alike.
export { exportPublicKey, exportSecretKey, generateKeyPair as generateSigningKeyPair } from './crypto/export.js';
export { parseToken } from './token/parse.js';
export { signToken } from './token/sign.js';
export { verifyGhostwriterToken, verifyIdentityToken, verifyToken } from './chain/verify.js';
export { createIdentitySigner, signCertificate, signIdentityToken } from './chain/identity.js';
export { identitySignerFromEnv } from './chain/env.js';
export { inspectToken } from './report/inspect.js';
// Readable printing of the object model: DevTools custom formatters and text for Node.
export { formatToken, installDevtoolsFormatters } from './report/devtools.js';
