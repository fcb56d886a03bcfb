// Signing a ReplToken into a v2.public token string.

import { encodeGovalSigningAuthority, encodeReplToken } from '../gen/api.js';
import { encodeBase64, asciiBytes } from '../lib/base64.js';
import { importSecretKey } from '../crypto/keys.js';
import { signParts } from './paseto.js';

/** Signs a ReplToken (any form `encodeReplToken` takes) into a v2.public token string. */
export async function signToken(message, secretKey, footer) {
  const messageBytes = encodeReplToken(message);
  const footerBytes = footer === undefined ? undefined : encodeGovalSigningAuthority(footer);
  const key = await importSecretKey(secretKey, 'secretKey');
  const body = asciiBytes(encodeBase64(messageBytes));
  return signParts(key, body, footerBytes === undefined ? undefined : asciiBytes(encodeBase64(footerBytes)));
}
