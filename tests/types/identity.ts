// Type checks of the identity-token API (issue 13): compiled by `npx tsc -p tests/types`.
import {
  createIdentitySigner,
  GovalTokenError,
  TokenClaimError,
  TokenFormatError,
  verifyGhostwriterToken,
  type GovalTokenErrorCode,
  type TokenClaimName,
  type TokenFormatReason,
  parseToken,
  signCertificate,
  verifyIdentityToken,
  verifyToken,
  type ChainLink,
  type GovalCertInit,
  type PublicKeySource,
} from '../../pkg/index.js';

export async function identityUsage(env: Record<string, string | undefined>): Promise<string> {
  const publicKeys: PublicKeySource = env['REPL_PUBKEYS'] ?? '{}';
  const signer = await createIdentitySigner({
    identityToken: env['REPL_IDENTITY'] ?? '',
    secretKey: env['REPL_IDENTITY_KEY'] ?? '',
    replId: env['REPL_ID'] ?? '',
    publicKeys,
  });
  const token: string = await signer.sign('other-repl');
  const { identity, chain, flags } = await verifyIdentityToken(token, { publicKeys, audience: 'other-repl', clockSkewSeconds: 5 });
  const user: string = identity.user;
  const first: ChainLink | undefined = chain[0];
  const depth: number | undefined = first?.depth;
  const flagNames: string[] = flags.map(String);
  const fromFunction = await verifyToken(token, async (keyId: string) => (keyId === 'prod:1' ? new Uint8Array(32) : undefined), { flags: ['MINT_GOVAL_TOKEN'], issuer: 'conman', keyId: 'prod:1' });
  const links: number = fromFunction.chain?.length ?? 0;
  const cert: GovalCertInit = { iat: new Date(), claims: [{ claim: { case: 'flag', value: 'IDENTITY' } }], publicKey: 'k2.public.…' };
  const certToken: string = await signCertificate(cert, { seed: new Uint8Array(32) }, { cert: { case: 'keyId', value: 'dev:1' }, issuer: 'me' });
  const parsed = parseToken(certToken);
  const replid: string = parsed.messageType === 'GovalReplIdentity' ? parsed.message.replid : '';
  return `${user}${depth}${flagNames.join()}${links}${replid}`;
}

export async function ghostwriterAndErrorCodes(token: string, keys: PublicKeySource): Promise<string> {
  try {
    const { message, flags, signedBy } = await verifyGhostwriterToken(token, keys, { replId: 'repl-a', clockSkewSeconds: 5 });
    const replid: string = message.replid;
    return `${replid}${flags.join()}${signedBy}`;
  } catch (error) {
    if (!(error instanceof GovalTokenError)) throw error;
    const code: GovalTokenErrorCode = error.code;
    const depth: number | undefined = error.link?.depth;
    if (error instanceof TokenFormatError) {
      const reason: TokenFormatReason = error.reason;
      const formatCode: 'ERR_TOKEN_FORMAT' = error.code;
      return `${reason}${formatCode}`;
    }
    if (error instanceof TokenClaimError) {
      const claim: TokenClaimName = error.claim;
      return claim;
    }
    return `${code}${depth}`;
  }
}
