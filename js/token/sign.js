// Signing a ReplToken into a v2.public token string, and the refusal shared with certificates:
// nothing is signed whose lifetime has already ended.

import { decodeReplToken, encodeGovalSigningAuthority, encodeReplToken } from '../gen/api.js';
import { EncodeError } from '../errors.js';
import { encodeBase64, asciiBytes } from '../lib/base64.js';
import { readOptions } from '../lib/options.js';
import { rfc3339 } from '../lib/time.js';
import { importSecretKey } from '../crypto/keys.js';
import { signParts } from './paseto.js';
import { certificateValidityOf, timeOptions, timeStatusOf, validityOf } from './time.js';

const SIGN_OPTIONS = ['now', 'allowExpired'];

/**
 * Signs a ReplToken (any form `encodeReplToken` takes) into a v2.public token string; refuses
 * one already expired at `now` (the clock by default) unless `allowExpired`.
 */
export async function signToken(message, secretKey, footer, options) {
  const opts = readOptions(options, SIGN_OPTIONS, 'signToken');
  const messageBytes = encodeReplToken(message);
  const footerBytes = footer === undefined ? undefined : encodeGovalSigningAuthority(footer);
  const key = await importSecretKey(secretKey, 'secretKey');
  refuseEnded(decodeReplToken(messageBytes), opts, 'token', 'createReplToken() fills in iat (now), exp (one hour later) and salt');
  const body = asciiBytes(encodeBase64(messageBytes));
  return signParts(key, body, footerBytes === undefined ? undefined : asciiBytes(encodeBase64(footerBytes)));
}

/**
 * Refuses to sign a body (a decoded ReplToken or GovalCert: `what` 'token' or 'certificate')
 * whose lifetime has ended at `opts.now`: a token born expired verifies nowhere, and an unset
 * `iat` (the UNIX epoch, by the schema's rule) is the usual cause; a certificate's unset `exp`
 * is the epoch too. `opts`: from readOptions, with `now`, `allowExpired`.
 */
export function refuseEnded(body, opts, what, hint) {
  if (opts.allowExpired === true) return;
  if (opts.allowExpired !== undefined && opts.allowExpired !== false) {
    throw new EncodeError('expected true or false', { path: 'options.allowExpired' });
  }
  const { now } = timeOptions({ now: opts.now });
  if (now === undefined) return; // now: false
  const validity = what === 'certificate' ? certificateValidityOf(body) : validityOf(body);
  if (timeStatusOf(validity, now) !== 'expired') return;
  const cause = validity.iatDefaulted
    ? 'iat is unset, so it counts as issued at the UNIX epoch'
    : validity.expDefaulted
      ? what === 'certificate'
        ? 'exp is unset, and a certificate without exp counts as expired at the UNIX epoch'
        : `exp is unset, so it expired one hour after iat (${rfc3339(validity.issuedAt)})`
      : `exp is ${rfc3339(validity.expiresAt)}`;
  throw new EncodeError(
    `the ${what} would be expired when signed (${cause}; now is ${rfc3339(now)}): set iat and exp (${hint}), or pass { allowExpired: true } to sign it anyway`,
    { path: validity.iatDefaulted ? 'iat' : 'exp' },
  );
}
