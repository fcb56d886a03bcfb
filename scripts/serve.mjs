// `npm start` (after the build): serves the token inspector from the repository: www/ at /,
// the built package (pkg/) at /pkg/, on 127.0.0.1 only, with a strict Content-Security-Policy
// on every response. The server itself ships in the package (js/cli/server.js, run by
// `goval-token ui`); `startServer` here is reused by tests/browser/inspector.test.mjs.
import { fileURLToPath, pathToFileURL } from 'node:url';

import { startServer as startStaticServer } from '../js/cli/server.js';

export { CONTENT_SECURITY_POLICY, CONTENT_TYPES, META_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../js/cli/server.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The inspector from this checkout: `{ url, port, server, close }`, as js/cli/server.js. */
export function startServer({ port = 8080, host = '127.0.0.1' } = {}) {
  return startStaticServer({ port, host, www: `${root}www`, pkg: `${root}pkg` });
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;

if (isMain) {
  const text = process.env.PORT ?? '8080';
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    console.error(`PORT must be a port number (0..65535), got ${JSON.stringify(text)}`);
    process.exit(1);
  }
  try {
    const { url } = await startServer({ port });
    console.log(`goval-token inspector: ${url}/  (Ctrl+C to stop)`);
  } catch (error) {
    console.error(`cannot listen on 127.0.0.1:${port}: ${error.message}`);
    process.exit(1);
  }
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
}
