// The token inspector: inspect a pasted token, build and sign one. Everything happens in this
// page; nothing is fetched besides the page's own files, nothing is stored.
import { durationText, formatValue, parseByteSize, toBase64, toBase64Url, toHex } from './format.js';

const $ = (id) => document.getElementById(id);

// Cuts text into plain runs and control/bidi/invisible characters (the package's
// escape.js, loaded with it); until then, text is one run.
let splitUnsafe = (text) => [text];

/**
 * Text as DOM nodes, only ever as text: control, bidi and invisible characters (which could
 * reorder or hide what a token says) become visible `\u202e` badges.
 */
function visibleText(text) {
  return splitUnsafe(text).map((part) =>
    typeof part === 'string'
      ? document.createTextNode(part)
      : Object.assign(document.createElement('span'), {
          className: 'ctl',
          textContent: part.escape,
          title: `U+${part.char.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}: a control or invisible character`,
        }),
  );
}

/** Lines of layout (a token's own line breaks are escaped by formatValue), each shown as text. */
function multiline(text) {
  return text.split('\n').flatMap((line, i) => (i === 0 ? visibleText(line) : [document.createTextNode('\n'), ...visibleText(line)]));
}

/** An element with properties (`className`, `id`, `dataset` entries via `data`) and children. */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  const { data, ...rest } = props;
  Object.assign(node, rest);
  for (const [key, value] of Object.entries(data ?? {})) node.dataset[key] = value;
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    if (child instanceof Node) node.append(child);
    else node.append(...visibleText(String(child)));
  }
  return node;
}

/** A clear box for any thrown value: name, message, and the package's extra fields. */
function errorBox(error, title) {
  const isError = error instanceof Error;
  const rows = [];
  for (const key of ['reason', 'path', 'offset', 'claim']) {
    if (isError && error[key] !== undefined && error[key] !== '') rows.push([key, String(error[key])]);
  }
  if (isError && error.cause instanceof Error) rows.push(['cause', `${error.cause.name}: ${error.cause.message}`]);
  return el(
    'div',
    { className: 'error-box', role: 'alert' },
    el('p', { className: 'error-title' }, title),
    el('p', { className: 'error-head' }, el('span', { className: 'error-name' }, isError ? error.name : typeof error), ': ', el('span', { className: 'error-message' }, isError ? error.message : String(error))),
    rows.length > 0 &&
      el('dl', { className: 'kv error-fields' }, rows.map(([k, v]) => [el('dt', {}, k), el('dd', { className: 'mono', data: { errorField: k } }, v)])),
  );
}

/** A titled list of label/value rows; a value is text or a node, `field` names it for tests. */
function group(title, rows, extra) {
  return el(
    'section',
    { className: 'group' },
    el('h3', {}, title),
    rows.length > 0 &&
      el(
        'dl',
        { className: 'kv' },
        rows.map(([label, value, field, mono = true]) => [
          el('dt', {}, label),
          el('dd', { className: mono ? 'mono' : '', data: field ? { field } : {} }, value),
        ]),
      ),
    extra,
  );
}

/** One group per certificate of a token's chain, root first, claims in words (issue 13). */
function chainGroups(chain) {
  return chain.map((link) =>
    group(
      `Certificate at depth ${link.depth}${link.depth === 1 ? ' (signed the token)' : ''}`,
      [
        ['signed by', link.signedBy === 'root-key' ? `root key ${link.keyId}` : `the certificate at depth ${link.depth + 1}`, `chain.${link.depth}.signedBy`],
        ['issuer', link.issuer || el('span', { className: 'muted' }, '(empty)'), `chain.${link.depth}.issuer`],
        ...(link.error !== undefined
          ? [['error', link.error, `chain.${link.depth}.error`]]
          : [
              ['valid', `${link.iat} .. ${link.exp} (${link.timeStatus})`, `chain.${link.depth}.lifetime`],
              ['claims', link.claims.length === 0 ? el('span', { className: 'muted' }, 'none') : el('ul', {}, link.claims.map((c) => el('li', {}, c))), `chain.${link.depth}.claims`],
              ['public key', el('span', { className: 'break' }, link.publicKey), `chain.${link.depth}.publicKey`],
            ]),
      ],
    ),
  );
}

/** Whole seconds from `now` to `then`, both RFC 3339 (the report's form). */
function secondsUntil(then, now) {
  const ms = Date.parse(then) - Date.parse(now);
  return Number.isNaN(ms) ? 0 : Math.ceil(ms / 1000);
}

const shown = (text) => (text === '' ? el('span', { className: 'muted' }, '(empty)') : text);

async function main() {
  let gt;
  try {
    let escape;
    [gt, escape] = await Promise.all([import('/pkg/index.js'), import('/pkg/escape.js')]);
    splitUnsafe = escape.splitUnsafe;
  } catch (error) {
    $('load-status').replaceChildren(errorBox(error, 'The goval-token package could not be loaded'));
    return;
  }
  window.govalToken = gt;
  // Readable Timestamps, int64s, enums, bytes and unknown fields in the console.
  gt.installDevtoolsFormatters();
  console.info(
    'goval-token: the package API is window.govalToken. Try:\n' +
      '  await govalToken.inspectToken(token, { publicKey })  // the report this page shows\n' +
      '  govalToken.parseToken(token)                         // the ReplToken object, footer, signature\n' +
      '  govalToken.replTokenToJson(govalToken.parseToken(token).message)  // as proto3 JSON\n' +
      '  govalToken.formatToken(value)                        // any of these as readable text\n' +
      'Custom formatters show tokens readably (DevTools settings → Console → "Enable custom formatters");\n' +
      '  govalToken.installDevtoolsFormatters(false) turns them off, (true) on again.',
  );

  setUpInspector(gt);
  setUpBuilder(gt);
  $('load-status').hidden = true;
  document.documentElement.dataset.ready = 'true';
}

// ---------------------------------------------------------------- inspect

// One headline from the report's verdict: "Valid" only when a signature was checked and holds
// and the time is in range.
const HEADLINES = {
  valid: 'Valid',
  'signature-invalid': 'Signature invalid',
  expired: 'Expired',
  'not-yet-valid': 'Not yet valid',
  'signature-not-checked': 'Signature not checked',
};

/** A scrollable box the keyboard can reach (it is focusable), named by its heading. */
function labelRegion(node, headingId) {
  node.setAttribute('role', 'region');
  node.setAttribute('aria-labelledby', headingId);
}

function setUpInspector(gt) {
  const tokenInput = $('token-input');
  const keyInput = $('inspect-public-key');
  const output = $('inspect-output');
  let statusNode;
  let generation = 0; // the latest render; an older one that finishes late is dropped
  let shownOptions; // the input and options of the report on screen, for tick()

  /** The time half of the verdict, worded so it never repeats the headline. */
  function timeDetail(report) {
    const left = report.secondsLeft;
    if (report.timeStatus === 'in-range') return `expires in ${durationText(left)} (${left} s left)`;
    if (report.timeStatus === 'expired') {
      const ago = `${durationText(left)} ago (${-left} s), at ${report.effectiveExp}`;
      return report.verdict === 'expired' ? ago : `and expired ${ago}`;
    }
    const from = `valid in ${durationText(secondsUntil(report.effectiveIat, report.now))}, from ${report.effectiveIat}`;
    return report.verdict === 'not-yet-valid' ? from : `and not yet ${from}`;
  }

  function statusContent(report) {
    const detail = {
      valid: 'signature checked',
      'signature-invalid': 'for this public key',
      'signature-not-checked': 'give a public key to check it; the time is in range',
    }[report.verdict];
    const time = timeDetail(report);
    return [
      el('span', { className: 'status-title', data: { field: 'status' } }, HEADLINES[report.verdict] ?? report.verdict),
      ' ',
      el('span', { className: 'status-detail', data: { field: 'secondsLeft' } }, detail ? `${detail}; ${time}` : time),
    ];
  }

  function signatureContent(state, keyError) {
    if (keyError) return el('span', {}, 'Signature not checked: the public key is not usable');
    const text = {
      valid: 'Signature valid',
      invalid: 'Signature INVALID for this public key',
      'not-checked': 'Signature not checked (give a public key)',
    }[state];
    return el('span', { data: { field: 'signature' } }, text);
  }

  async function render() {
    const mine = ++generation;
    output.dataset.state = 'busy';
    output.setAttribute('aria-busy', 'true');
    const input = tokenInput.value.trim();
    const key = keyInput.value.trim();
    statusNode = undefined;
    shownOptions = undefined;
    const show = (...nodes) => {
      if (mine !== generation) return;
      output.replaceChildren(...nodes);
      output.dataset.state = 'done';
      output.removeAttribute('aria-busy');
    };
    if (input === '') {
      show(el('p', { className: 'placeholder' }, 'Paste a token to see what it holds.'));
      return;
    }
    let parsed;
    let report;
    try {
      parsed = await gt.parseToken(input);
      report = await gt.inspectToken(input);
    } catch (error) {
      show(errorBox(error, 'This is not a readable repl token'));
      return;
    }
    let keyError;
    let options = {};
    if (key !== '') {
      try {
        report = await gt.inspectToken(input, { publicKey: key });
        options = { publicKey: key };
      } catch (error) {
        keyError = error;
      }
    }
    if (mine !== generation) return;

    const status = el('div', { className: `status status-${report.verdict}`, id: 'inspect-status' }, statusContent(report));
    statusNode = status;
    shownOptions = { input, options };
    const signatureState = keyError ? 'key-error' : report.signature;
    const signature = el('div', { className: `signature signature-${signatureState}`, id: 'inspect-signature' }, signatureContent(report.signature, keyError));

    // Identity and Ghostwriter tokens: their claims and certificate chain (issue 13).
    if (report.identity !== undefined || report.govalToken !== undefined) {
      const body = report.identity ?? report.govalToken;
      const claims = group(report.identity !== undefined ? 'Identity (GovalReplIdentity)' : 'Ghostwriter token (GovalToken)', [
        ['valid', report.effectiveIat === null ? el('span', { className: 'muted' }, 'no certificate, no lifetime') : `${report.effectiveIat} .. ${report.effectiveExp}`, 'lifetime'],
        ...Object.entries(body).map(([name, value]) => [name, typeof value === 'string' ? shown(value) : multiline(formatValue(value)), `identity.${name}`]),
      ]);
      show(
        ...[
          el('div', { className: 'verdict' }, status, signature),
          keyError && errorBox(keyError, 'The public key cannot be used'),
          report.notes.length > 0 && el('section', { className: 'group notes' }, el('h3', {}, 'Notes'), el('ul', { id: 'inspect-notes' }, report.notes.map((n) => el('li', {}, n)))),
          el('div', { className: 'groups' }, claims, ...chainGroups(report.chain)),
          el('details', { className: 'group raw' }, el('summary', {}, el('h3', {}, 'Raw decoded fields (parseToken)')), el('pre', { className: 'mono', id: 'inspect-raw', tabIndex: 0 }, multiline(formatValue(parsed)))),
        ].filter(Boolean),
      );
      return;
    }

    const times = group('Times', [
      ['iat', report.iat ?? el('span', {}, `unset: counts as ${report.effectiveIat} (the UNIX epoch)`), 'iat'],
      ['exp', report.exp ?? el('span', { className: 'muted' }, 'unset'), 'exp'],
      [
        'effective exp',
        [report.effectiveExp, report.expDefaulted ? el('span', { className: 'badge' }, 'default rule: iat + 1 h') : ''],
        'effectiveExp',
      ],
      ['lifetime', `${durationText(report.lifetimeSeconds)} (${report.lifetimeSeconds} s)`, 'lifetime'],
      ['checked at', report.now, 'now'],
    ]);

    const token = group('Token', [
      ['cluster', shown(report.cluster), 'cluster'],
      ['salt', shown(report.salt), 'salt'],
      ['persistence', report.persistence, 'persistence'],
      ['format', report.format, 'format'],
      ['flags', report.flags.length === 0 ? el('span', { className: 'muted' }, 'none') : report.flags.map((f) => el('span', { className: 'chip' }, f)), 'flags'],
    ]);

    // The metadata's unknown fields are in the unknown-fields table.
    const { kind, $unknown, ...metadataFields } = report.metadata;
    const metadata = group('Metadata', [
      ['kind', kind, 'metadataKind'],
      ...Object.entries(metadataFields).map(([name, value]) => [name, shown(value), `metadata.${name}`]),
      ...(report.replId == null ? [] : [['repl id', report.replId, 'replId']]),
    ]);

    const limits = report.resourceLimits;
    const resources = group(
      'Resource limits',
      limits
        ? [
            ['net', limits.net ? 'yes' : 'no', 'net'],
            ['memory', limits.memory, 'memory'],
            ['threads', formatValue(limits.threads), 'threads'],
            ['shares', formatValue(limits.shares), 'shares'],
            ['disk', limits.disk, 'disk'],
          ]
        : [],
      limits ? undefined : el('p', { className: 'muted' }, 'not set'),
    );

    const presenced = group(
      'Presenced',
      report.presenced
        ? [
            ['bearerID', String(report.presenced.bearerID), 'bearerID'],
            ['bearerName', shown(report.presenced.bearerName), 'bearerName'],
          ]
        : [],
      report.presenced ? undefined : el('p', { className: 'muted' }, 'not set'),
    );

    const f = report.footer;
    const footer = group(
      'Footer (signing authority)',
      f
        ? [
            ...(f.keyId != null ? [['key id', shown(f.keyId), 'keyId']] : []),
            ...(f.signedCert != null ? [['signed cert', el('span', { className: 'break' }, f.signedCert), 'signedCert']] : []),
            ...(f.keyId == null && f.signedCert == null ? [['cert', el('span', { className: 'muted' }, 'unset'), 'cert']] : []),
            ['issuer', shown(f.issuer), 'issuer'],
            ['version', String(f.version), 'version'],
          ]
        : [],
      f ? undefined : el('p', { className: 'muted' }, 'no footer'),
    );

    const notes =
      report.notes.length > 0 &&
      el('section', { className: 'group notes' }, el('h3', {}, 'Notes'), el('ul', { id: 'inspect-notes' }, report.notes.map((n) => el('li', {}, n))));

    const unknown =
      report.unknownFields.length > 0 &&
      el(
        'section',
        { className: 'group' },
        el('h3', { id: 'inspect-unknown-heading' }, `Unknown fields (${report.unknownFields.length})`),
        el(
          // Focusable, so the keyboard can scroll a table wider than the page.
          'div',
          { className: 'table-scroll', tabIndex: 0 },
          el(
            'table',
            { id: 'inspect-unknown' },
            el('thead', {}, el('tr', {}, ['field', 'name in newer schemas', 'wire type', 'bytes', 'data (hex)', 'as text'].map((h) => el('th', { scope: 'col' }, h)))),
            el(
              'tbody',
              {},
              report.unknownFields.map((u) =>
                el(
                  'tr',
                  { data: { no: String(u.no), path: u.path } },
                  el('td', { className: 'mono' }, u.path),
                  el('td', {}, u.name ?? el('span', { className: 'muted' }, 'unknown')),
                  el('td', {}, u.wireType ?? 'invalid'),
                  el('td', { className: 'mono' }, String(u.length)),
                  el('td', { className: 'mono hex' }, u.hex || el('span', { className: 'muted' }, '(empty)')),
                  el('td', { className: 'mono' }, u.text ?? el('span', { className: 'muted' }, '–')),
                ),
              ),
            ),
          ),
        ),
      );
    if (unknown) labelRegion(unknown.querySelector('.table-scroll'), 'inspect-unknown-heading');

    const raw = el(
      'details',
      { className: 'group raw', open: true },
      el('summary', {}, el('h3', { id: 'inspect-raw-heading' }, 'Raw decoded fields (parseToken)')),
      // A scrollable region: focusable so the keyboard can scroll it.
      el('pre', { className: 'mono', id: 'inspect-raw', tabIndex: 0 }, multiline(formatValue(parsed))),
    );
    labelRegion(raw.querySelector('pre'), 'inspect-raw-heading');

    show(
      ...[
        el('div', { className: 'verdict' }, status, signature),
        keyError && errorBox(keyError, 'The public key cannot be used'),
        notes,
        el('div', { className: 'groups' }, times, token, metadata, resources, presenced, footer, ...chainGroups(report.chain ?? [])),
        unknown,
        raw,
      ].filter(Boolean),
    );
  }

  /** Keeps "seconds left" current without redrawing the rest of the report. */
  async function tick() {
    if (statusNode === undefined || !statusNode.isConnected || shownOptions === undefined) return;
    const node = statusNode;
    try {
      const report = await gt.inspectToken(shownOptions.input, shownOptions.options);
      if (node !== statusNode) return;
      node.className = `status status-${report.verdict}`;
      node.replaceChildren(...statusContent(report));
    } catch {
      // The input changed under us; the next render shows why.
    }
  }

  $('inspect-form').addEventListener('submit', (event) => event.preventDefault());
  $('inspect-form').addEventListener('input', render);
  $('inspect-clear').addEventListener('click', () => {
    tokenInput.value = '';
    keyInput.value = '';
    render();
    tokenInput.focus();
  });
  setInterval(tick, 1000);
  render();

  window.addEventListener('goval-inspect', (event) => {
    tokenInput.value = event.detail.token;
    keyInput.value = event.detail.publicKey;
    render();
    $('inspect').scrollIntoView({ block: 'start' });
    tokenInput.focus({ preventScroll: true });
  });
}

// ---------------------------------------------------------------- build

function setUpBuilder(gt) {
  const form = $('build-form');
  const value = (id) => $(id).value;
  const trimmed = (id) => $(id).value.trim();

  let base = fresh();
  let generated; // the last generated key pair, to re-show it in another encoding

  function fresh() {
    const { iat, salt } = gt.createReplToken();
    return { iat, salt };
  }

  /** A number field: the number, the raw text when it is no number (the package reports it). */
  function numberOf(text) {
    if (/^[-+]?(NaN|Infinity)$/.test(text)) return Number(text.replace('+', ''));
    const n = Number(text);
    return text !== '' && !Number.isNaN(n) ? n : text;
  }

  function sizeOf(id) {
    const text = trimmed(id);
    const help = $(`${id}-help`);
    if (text === '') {
      help.textContent = '';
      return undefined;
    }
    const bytes = parseByteSize(text);
    help.textContent = bytes === undefined ? '' : `= ${bytes} bytes`;
    return bytes ?? text;
  }

  function lifetime() {
    const text = trimmed('b-lifetime');
    return /^\d+$/.test(text) ? BigInt(text) : 3600n;
  }

  /** The `createReplToken` input the form describes. */
  function init() {
    const exp = { seconds: base.iat.seconds + lifetime(), nanos: base.iat.nanos };
    const persistence = value('b-persistence');
    const token = {
      iat: base.iat,
      exp,
      salt: base.salt,
      cluster: value('b-cluster'),
      persistence: /^\d+$/.test(persistence) ? Number(persistence) : persistence,
      flags: value('b-flags')
        .split(',')
        .map((f) => f.trim())
        .filter((f) => f !== ''),
    };

    const kind = value('b-kind');
    if (kind === 'repl') {
      token.metadata = {
        case: 'repl',
        value: {
          id: value('b-id'),
          language: value('b-language'),
          bucket: value('b-bucket'),
          slug: value('b-slug'),
          user: value('b-user'),
          sourceRepl: value('b-source-repl'),
        },
      };
    } else if (kind === 'id') {
      token.metadata = { case: 'id', value: { id: value('b-id'), sourceRepl: value('b-source-repl') } };
    } else if (kind === 'classroom') {
      token.metadata = { case: 'classroom', value: { id: value('b-id'), language: value('b-language') } };
    } else {
      token.metadata = { case: undefined };
    }

    const memory = sizeOf('b-memory');
    const disk = sizeOf('b-disk');
    const threads = trimmed('b-threads');
    const shares = trimmed('b-shares');
    const net = $('b-net').checked;
    if (net || memory !== undefined || disk !== undefined || threads !== '' || shares !== '') {
      token.resourceLimits = {
        net,
        ...(memory === undefined ? {} : { memory }),
        ...(threads === '' ? {} : { threads: numberOf(threads) }),
        ...(shares === '' ? {} : { shares: numberOf(shares) }),
        ...(disk === undefined ? {} : { disk }),
      };
    }

    const bearerID = trimmed('b-bearer-id');
    const bearerName = value('b-bearer-name');
    if (bearerID !== '' || bearerName !== '') {
      token.presenced = { bearerID: bearerID === '' ? 0 : numberOf(bearerID), bearerName };
    }
    return token;
  }

  function footer() {
    const keyId = trimmed('b-key-id');
    const issuer = trimmed('b-issuer');
    if (keyId === '' && issuer === '') return undefined;
    return { cert: keyId === '' ? { case: undefined } : { case: 'keyId', value: keyId }, issuer };
  }

  function showKinds() {
    const kind = value('b-kind');
    for (const field of form.querySelectorAll('[data-kinds]')) {
      field.hidden = !field.dataset.kinds.split(' ').includes(kind);
    }
  }

  let generation = 0; // the latest render; a signature that finishes late is dropped

  async function render() {
    const mine = ++generation;
    const done = () => {
      if (mine !== generation) return;
      $('build-output').dataset.state = 'done';
      $('build-output').removeAttribute('aria-busy');
    };
    $('build-output').dataset.state = 'busy';
    $('build-output').setAttribute('aria-busy', 'true');
    showKinds();
    const errorNode = $('build-error');
    const fail = (error, title) => {
      errorNode.replaceChildren(errorBox(error, title));
      errorNode.hidden = false;
    };
    errorNode.hidden = true;
    errorNode.replaceChildren();
    $('b-token').value = '';
    $('b-inspect').disabled = true;

    let token;
    let bytes;
    try {
      token = gt.createReplToken(init());
      bytes = gt.encodeReplToken(token);
    } catch (error) {
      $('b-hex').value = '';
      $('b-base64').value = '';
      $('b-size').textContent = '';
      $('b-times').value = '';
      fail(error, 'These fields do not make a ReplToken');
      done();
      return;
    }
    $('b-times').value = `iat ${gt.timestampToDate(token.iat).toISOString()}\nexp ${gt.timestampToDate(token.exp).toISOString()}\nsalt ${token.salt}`;
    $('b-hex').value = toHex(bytes);
    $('b-base64').value = toBase64(bytes);
    $('b-size').textContent = `(${bytes.length} bytes)`;

    const secret = trimmed('b-secret-key');
    if (secret === '') {
      done();
      return;
    }
    try {
      const signed = await gt.signToken(token, secret, footer());
      if (mine !== generation) return;
      $('b-token').value = signed;
      $('b-inspect').disabled = false;
    } catch (error) {
      if (mine !== generation) return;
      fail(error, 'The token cannot be signed');
    }
    done();
  }

  function keyText(bytes) {
    return value('b-key-encoding') === 'hex' ? toHex(bytes) : toBase64Url(bytes);
  }

  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('input', render);
  form.addEventListener('change', render);
  $('b-renew').addEventListener('click', () => {
    base = fresh();
    render();
  });
  $('b-generate').addEventListener('click', async () => {
    try {
      generated = await gt.generateSigningKeyPair();
    } catch (error) {
      $('build-error').replaceChildren(errorBox(error, 'No key pair could be generated'));
      $('build-error').hidden = false;
      return;
    }
    $('b-secret-key').value = keyText(generated.secretKey);
    $('b-public-key').value = keyText(generated.publicKey);
    render();
  });
  $('b-key-encoding').addEventListener('change', () => {
    if (generated === undefined) return;
    // Re-show the generated pair only while the fields still hold it.
    const holds = [toHex, toBase64Url].some(
      (encode) => trimmed('b-secret-key') === encode(generated.secretKey) && trimmed('b-public-key') === encode(generated.publicKey),
    );
    if (!holds) return;
    $('b-secret-key').value = keyText(generated.secretKey);
    $('b-public-key').value = keyText(generated.publicKey);
    render();
  });
  $('b-inspect').addEventListener('click', () => {
    const token = $('b-token').value;
    if (token === '') return;
    window.dispatchEvent(new CustomEvent('goval-inspect', { detail: { token, publicKey: trimmed('b-public-key') } }));
  });
  render();
}

main().catch((error) => {
  // Anything unexpected during setup: shown, never left uncaught.
  const status = $('load-status');
  status.hidden = false;
  status.replaceChildren(errorBox(error, 'The inspector failed to start'));
});
