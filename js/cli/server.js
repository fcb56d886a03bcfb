// The token inspector's static file server: the page (www/) at /, the package at /pkg/, on
// 127.0.0.1 only, with a strict Content-Security-Policy on every response, errors included.
// Run by `goval-token ui` from the installed package and by scripts/serve.mjs from a checkout.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

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

const POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
];

/**
 * The policy www/index.html carries in its `<meta http-equiv>` tag (a test checks they agree),
 * for wherever the page is hosted.
 */
export const META_CONTENT_SECURITY_POLICY = POLICY.join('; ');

/** The header: the meta policy plus what only a header can say (browsers ignore it in meta). */
export const CONTENT_SECURITY_POLICY = [...POLICY, "frame-ancestors 'none'"].join('; ');

/** Headers sent with every response, errors included. */
export const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/i;

/** The file a URL path names, or undefined when it names nothing servable. */
async function resolveFile(mounts, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (path.includes('\0') || path.includes('\\')) return undefined;
  const mount = mounts.find((m) => path.startsWith(m.prefix));
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

const handler = (mounts) => (request, response) => {
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
  // A page elsewhere that rebinds its DNS name to 127.0.0.1 sends its own name as Host.
  if (!LOOPBACK_HOST.test(request.headers.host ?? '')) {
    send(421, 'this server answers only to 127.0.0.1 and localhost\n');
    return;
  }
  const { pathname } = new URL(request.url, 'http://localhost');
  resolveFile(mounts, pathname).then(
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
};

/**
 * Serves the directory `www` at / and `pkg` at /pkg/ on `host` (127.0.0.1); `port` 0 picks a
 * free one. Resolves to `{ url, port, server, close }`.
 */
export function startServer({ www, pkg, port = 8080, host = '127.0.0.1' }) {
  // The longest matching prefix wins.
  const mounts = [
    { prefix: '/pkg/', dir: resolve(pkg) },
    { prefix: '/', dir: resolve(www) },
  ];
  const server = createServer(handler(mounts));
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actual = server.address().port;
      resolvePromise({
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
