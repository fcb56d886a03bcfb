// Bytes as lowercase hex, the one spelling of the package (reports, the CLI, devtools).

/** Lowercase hex of the bytes. */
export function toHex(bytes) {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
  return hex;
}
