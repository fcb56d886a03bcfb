// `npm start` (after the build): serves the token inspector. www/ at /, the built package
// (pkg/) at /pkg/, on 127.0.0.1 only, with a strict Content-Security-Policy on every
// response. `startServer` is reused by tests/browser/inspector.test.mjs.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Where each URL prefix is served from; the longest matching prefix wins. */
const MOUNTS = [
  { prefix: '/pkg/', dir: join(root, 'pkg') },
  { prefix: '/', dir: join(root, 'www') },
];

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every response, errors included. */
export const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** The file a URL path names, or undefined when it names nothing servable. */
async function resolveFile(urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (path.includes('\0') || path.includes('\\')) return undefined;
  const mount = MOUNTS.find((m) => path.startsWith(m.prefix));
  if (mount === undefined) return undefined;
  const rest = normalize(path.slice(mount.prefix.length - 1) || '/');
  let file = join(mount.dir, rest);
  if (file !== mount.dir && !file.startsWith(mount.dir + sep)) return undefined;
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file);
    }
    return info.isFile() ? { file, size: info.size } : undefined;
  } catch {
    return undefined;
  }
}

function handler(request, response) {
  const send = (status, body, headers = {}) => {
    response.writeHead(status, {
      ...SECURITY_HEADERS,
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    send(405, 'method not allowed\n', { allow: 'GET, HEAD' });
    return;
  }
  const { pathname } = new URL(request.url, 'http://localhost');
  resolveFile(pathname).then(
    (found) => {
      if (found === undefined) {
        send(404, 'not found\n');
        return;
      }
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': CONTENT_TYPES[extname(found.file)] ?? 'application/octet-stream',
        'content-length': found.size,
        'cache-control': 'no-cache',
      });
      if (request.method === 'HEAD') {
        response.end();
        return;
      }
      createReadStream(found.file)
        .on('error', () => response.destroy())
        .pipe(response);
    },
    () => send(500, 'internal error\n'),
  );
}

/**
 * Starts the server on 127.0.0.1. `port` 0 picks a free one. Resolves to
 * `{ url, port, server, close }`.
 */
export function startServer({ port = 8080, host = '127.0.0.1' } = {}) {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actual = server.address().port;
      resolve({
        url: `http://${host}:${actual}`,
        port: actual,
        server,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
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
