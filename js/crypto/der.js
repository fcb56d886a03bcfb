// The DER wrappings of an Ed25519 key (RFC 8410): what precedes the 32 key bytes in an SPKI
// public key and in a PKCS#8 v1 private key. One home for the three modules that wrap keys.
// Plain arrays (read only, never handed out): nothing here runs at the top level.

/** SubjectPublicKeyInfo, algorithm id-Ed25519, then the BIT STRING of the 32-byte key. */
export const SPKI_PREFIX = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];
/** PKCS#8 v1, algorithm id-Ed25519, then the OCTET STRING holding the 32-byte seed. */
export const PKCS8_PREFIX = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];
