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

const isPairs = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const shown = (text) => (text === '' ? el('span', { className: 'muted' }, '(empty)') : text);

async function main() {
  let gt;
  try {
    let escape;
    [gt, escape] = await Promise.all([import('/pkg/index.js'), import('/pkg/lib/text.js')]);
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
  invalid: 'Invalid',
  'signature-not-checked': 'Signature not checked',
};

/** A scrollable box the keyboard can reach (it is focusable), named by its heading. */
function labelRegion(node, headingId) {
  node.setAttribute('role', 'region');
  node.setAttribute('aria-labelledby', headingId);
}

const muted = (text) => el('span', { className: 'muted' }, text);

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
    invalid: report.problem ?? 'refused by the verify functions',
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

/** The headline and signature line; `status` is returned too so tick() can refresh it. */
function verdictSection(report, keyError) {
  const status = el('div', { className: `status status-${report.verdict}`, id: 'inspect-status' }, statusContent(report));
  const signatureState = keyError ? 'key-error' : report.signature;
  const signature = el('div', { className: `signature signature-${signatureState}`, id: 'inspect-signature' }, signatureContent(report.signature, keyError));
  return { status, verdict: el('div', { className: 'verdict' }, status, signature) };
}

function notesSection(report) {
  return (
    report.notes.length > 0 &&
    el('section', { className: 'group notes' }, el('h3', {}, 'Notes'), el('ul', { id: 'inspect-notes' }, report.notes.map((n) => el('li', {}, n))))
  );
}

/** Identity and Ghostwriter tokens: their claims (issue 13). */
function identityClaimsGroup(report) {
  const body = report.identity ?? report.govalToken;
  return group(report.identity !== undefined ? 'Identity (GovalReplIdentity)' : 'Ghostwriter token (GovalToken)', [
    ['valid', report.effectiveIat === null ? muted('no certificate, no lifetime') : `${report.effectiveIat} .. ${report.effectiveExp}`, 'lifetime'],
    ...Object.entries(body).map(([name, value]) => [name, typeof value === 'string' ? shown(value) : multiline(formatValue(value)), `identity.${name}`]),
  ]);
}

function timesGroup(report) {
  return group('Times', [
    ['iat', report.iat ?? el('span', {}, `unset: counts as ${report.effectiveIat} (the UNIX epoch)`), 'iat'],
    ['exp', report.exp ?? muted('unset'), 'exp'],
    ['effective exp', [report.effectiveExp, report.expDefaulted ? el('span', { className: 'badge' }, 'default rule: iat + 1 h') : ''], 'effectiveExp'],
    ['lifetime', `${durationText(report.lifetimeSeconds)} (${report.lifetimeSeconds} s)`, 'lifetime'],
    ['checked at', report.now, 'now'],
  ]);
}

function tokenFieldsGroup(report) {
  return group('Token', [
    ['cluster', shown(report.cluster), 'cluster'],
    ['salt', shown(report.salt), 'salt'],
    ['persistence', report.persistence, 'persistence'],
    ['format', report.format, 'format'],
    ['flags', report.flags.length === 0 ? muted('none') : report.flags.map((f) => el('span', { className: 'chip' }, f)), 'flags'],
    ...(report.idleTimeout == null ? [] : [['idle timeout', report.idleTimeout, 'idleTimeout']]),
  ]);
}

function metadataGroup(report) {
  // The metadata's unknown fields are in the unknown-fields table.
  const { kind, $unknown, ...metadataFields } = report.metadata;
  return group('Metadata', [
    ['kind', kind, 'metadataKind'],
    // A message or map inside (buckets, backerJobMetadata) as its JSON.
    ...Object.entries(metadataFields).map(([name, value]) => [name, shown(isPairs(value) ? JSON.stringify(value) : value), `metadata.${name}`]),
    ...(report.replId == null ? [] : [['repl id', report.replId, 'replId']]),
  ]);
}

/** A group whose message may be absent: its rows, or "not set" (or `absent`) in their place. */
function optionalGroup(title, rows, absent = 'not set') {
  return group(title, rows ?? [], rows ? undefined : el('p', { className: 'muted' }, absent));
}

function resourceLimitsGroup(report) {
  const limits = report.resourceLimits;
  return optionalGroup(
    'Resource limits',
    limits && [
      ['net', limits.net ? 'yes' : 'no', 'net'],
      ['memory', limits.memory, 'memory'],
      ['threads', formatValue(limits.threads), 'threads'],
      ['shares', formatValue(limits.shares), 'shares'],
      ['disk', limits.disk, 'disk'],
    ],
  );
}

function presencedGroup(report) {
  const p = report.presenced;
  return optionalGroup(
    'Presenced',
    p && [
      ['bearerID', String(p.bearerID), 'bearerID'],
      ['bearerName', shown(p.bearerName), 'bearerName'],
    ],
  );
}

function footerGroup(report) {
  const f = report.footer;
  return optionalGroup(
    'Footer (signing authority)',
    f && [
      ...(f.keyId != null ? [['key id', shown(f.keyId), 'keyId']] : []),
      ...(f.signedCert != null ? [['signed cert', el('span', { className: 'break' }, f.signedCert), 'signedCert']] : []),
      ...(f.keyId == null && f.signedCert == null ? [['cert', muted('unset'), 'cert']] : []),
      ['issuer', shown(f.issuer), 'issuer'],
      ['version', String(f.version), 'version'],
    ],
    'no footer',
  );
}

const UNKNOWN_COLUMNS = ['field', 'name in newer schemas', 'wire type', 'bytes', 'data (hex)', 'as text'];

function unknownFieldRow(u) {
  return el(
    'tr',
    { data: { no: String(u.no), path: u.path } },
    el('td', { className: 'mono' }, u.path),
    el('td', {}, u.name ?? muted('unknown')),
    el('td', {}, u.wireType ?? 'invalid'),
    el('td', { className: 'mono' }, String(u.length)),
    el('td', { className: 'mono hex' }, u.hex || muted('(empty)')),
    el('td', { className: 'mono' }, u.text ?? muted('–')),
  );
}

/** The unknown-fields table, or false when there are none. */
function unknownFieldsSection(report) {
  if (report.unknownFields.length === 0) return false;
  const table = el(
    'table',
    { id: 'inspect-unknown' },
    el('thead', {}, el('tr', {}, UNKNOWN_COLUMNS.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, report.unknownFields.map(unknownFieldRow)),
  );
  // Focusable, so the keyboard can scroll a table wider than the page.
  const scroll = el('div', { className: 'table-scroll', tabIndex: 0 }, table);
  labelRegion(scroll, 'inspect-unknown-heading');
  return el('section', { className: 'group' }, el('h3', { id: 'inspect-unknown-heading' }, `Unknown fields (${report.unknownFields.length})`), scroll);
}

/** What parseToken returned; `expanded` opens it and names it as a scrollable region. */
function rawSection(parsed, expanded) {
  const title = 'Raw decoded fields (parseToken)';
  const pre = el('pre', { className: 'mono', id: 'inspect-raw', tabIndex: 0 }, multiline(formatValue(parsed)));
  if (!expanded) return el('details', { className: 'group raw' }, el('summary', {}, el('h3', {}, title)), pre);
  // A scrollable region: focusable so the keyboard can scroll it.
  labelRegion(pre, 'inspect-raw-heading');
  return el('details', { className: 'group raw', open: true }, el('summary', {}, el('h3', { id: 'inspect-raw-heading' }, title)), pre);
}

const keyErrorBox = (keyError) => keyError && errorBox(keyError, 'The public key cannot be used');

/** The report of an identity or Ghostwriter token: claims and certificate chain. */
function identityReportNodes({ parsed, report, keyError }, verdict) {
  return [
    verdict,
    keyErrorBox(keyError),
    notesSection(report),
    el('div', { className: 'groups' }, identityClaimsGroup(report), ...chainGroups(report.chain)),
    rawSection(parsed, false),
  ];
}

/** The report of a repl token, section by section. */
function replTokenReportNodes({ parsed, report, keyError }, verdict) {
  const groups = [timesGroup, tokenFieldsGroup, metadataGroup, resourceLimitsGroup, presencedGroup, footerGroup].map((section) => section(report));
  return [
    verdict,
    keyErrorBox(keyError),
    notesSection(report),
    el('div', { className: 'groups' }, ...groups, ...chainGroups(report.chain ?? [])),
    unknownFieldsSection(report),
    rawSection(parsed, true),
  ];
}

/**
 * The parsed token and its report, checked against `key` when one is given. Throws when the
 * token cannot be read; an unusable key is returned as `keyError` (the report stays unchecked).
 */
async function inspectInput(gt, input, key) {
  // With a key, the signature comes first: a changed token is a bad signature, even when it no longer reads.
  let keyed;
  let keyError;
  if (key !== '') {
    try {
      keyed = await gt.inspectToken(input, { publicKey: key });
    } catch (error) {
      keyError = error;
    }
    if (keyed?.messageType === null) throw Object.assign(new Error(keyed.problem.replace(/^\w+: /, '')), { name: 'TokenSignatureError', unreadable: true });
  }
  const parsed = await gt.parseToken(input);
  if (keyed !== undefined) return { parsed, report: keyed, options: { publicKey: key } };
  const report = await gt.inspectToken(input);
  return keyError === undefined ? { parsed, report, options: {} } : { parsed, report, options: {}, keyError };
}

/** Puts `nodes` on screen unless a newer render (`view.generation`) has started since `mine`. */
function showReport(view, mine, nodes) {
  if (mine !== view.generation) return;
  view.output.replaceChildren(...nodes.filter(Boolean));
  view.output.dataset.state = 'done';
  view.output.removeAttribute('aria-busy');
}

async function renderInspector(gt, view) {
  const mine = ++view.generation;
  view.output.dataset.state = 'busy';
  view.output.setAttribute('aria-busy', 'true');
  const input = view.tokenInput.value.trim();
  const key = view.keyInput.value.trim();
  view.statusNode = undefined;
  view.shownOptions = undefined;
  if (input === '') {
    showReport(view, mine, [el('p', { className: 'placeholder' }, 'Paste a token to see what it holds.')]);
    return;
  }
  let result;
  try {
    result = await inspectInput(gt, input, key);
  } catch (error) {
    showReport(view, mine, [errorBox(error, error.unreadable ? 'Signature INVALID for this public key: the token was changed' : 'This is not a readable repl token')]);
    return;
  }
  if (mine !== view.generation) return;
  const { status, verdict } = verdictSection(result.report, result.keyError);
  view.statusNode = status;
  view.shownOptions = { input, options: result.options };
  const isIdentity = result.report.identity !== undefined || result.report.govalToken !== undefined;
  showReport(view, mine, isIdentity ? identityReportNodes(result, verdict) : replTokenReportNodes(result, verdict));
}

/** Keeps "seconds left" current without redrawing the rest of the report. */
async function tickInspector(gt, view) {
  if (view.statusNode === undefined || !view.statusNode.isConnected || view.shownOptions === undefined) return;
  const node = view.statusNode;
  try {
    const report = await gt.inspectToken(view.shownOptions.input, view.shownOptions.options);
    if (node !== view.statusNode) return;
    node.className = `status status-${report.verdict}`;
    node.replaceChildren(...statusContent(report));
  } catch {
    // The input changed under us; the next render shows why.
  }
}

function wireInspector(gt, view) {
  const render = () => renderInspector(gt, view);
  $('inspect-form').addEventListener('submit', (event) => event.preventDefault());
  $('inspect-form').addEventListener('input', render);
  $('inspect-clear').addEventListener('click', () => {
    view.tokenInput.value = '';
    view.keyInput.value = '';
    render();
    view.tokenInput.focus();
  });
  setInterval(() => tickInspector(gt, view), 1000);
  render();

  // The builder's "Inspect" button hands its token here.
  window.addEventListener('goval-inspect', (event) => {
    view.tokenInput.value = event.detail.token;
    view.keyInput.value = event.detail.publicKey;
    render();
    $('inspect').scrollIntoView({ block: 'start' });
    view.tokenInput.focus({ preventScroll: true });
  });
}

function setUpInspector(gt) {
  wireInspector(gt, {
    tokenInput: $('token-input'),
    keyInput: $('inspect-public-key'),
    output: $('inspect-output'),
    generation: 0, // the latest render; an older one that finishes late is dropped
    statusNode: undefined, // the status line on screen, for tickInspector
    shownOptions: undefined, // the input and options of the report on screen, for tickInspector
  });
}

// ---------------------------------------------------------------- build

const fieldValue = (id) => $(id).value;
const fieldText = (id) => $(id).value.trim();

/** A new iat and salt: the token's base until "Renew" is pressed. */
function freshBase(gt) {
  const { iat, salt } = gt.createReplToken();
  return { iat, salt };
}

/** A number field: the number, the raw text when it is no number (the package reports it). */
function numberOf(text) {
  if (/^[-+]?(NaN|Infinity)$/.test(text)) return Number(text.replace('+', ''));
  const n = Number(text);
  return text !== '' && !Number.isNaN(n) ? n : text;
}

/** A byte size field: bytes, or its text when unreadable (the package reports it); shows the bytes. */
function sizeOf(id) {
  const text = fieldText(id);
  const help = $(`${id}-help`);
  if (text === '') {
    help.textContent = '';
    return undefined;
  }
  const bytes = parseByteSize(text);
  help.textContent = bytes === undefined ? '' : `= ${bytes} bytes`;
  return bytes ?? text;
}

function lifetimeSeconds() {
  const text = fieldText('b-lifetime');
  return /^\d+$/.test(text) ? BigInt(text) : 3600n;
}

function metadataFromForm() {
  const kind = fieldValue('b-kind');
  if (kind === 'repl') {
    return {
      case: 'repl',
      value: {
        id: fieldValue('b-id'),
        language: fieldValue('b-language'),
        bucket: fieldValue('b-bucket'),
        slug: fieldValue('b-slug'),
        user: fieldValue('b-user'),
        sourceRepl: fieldValue('b-source-repl'),
      },
    };
  }
  if (kind === 'id') return { case: 'id', value: { id: fieldValue('b-id'), sourceRepl: fieldValue('b-source-repl') } };
  if (kind === 'classroom') return { case: 'classroom', value: { id: fieldValue('b-id'), language: fieldValue('b-language') } };
  return { case: undefined };
}

/** The resource limits, or undefined while every limit field is empty. */
function resourceLimitsFromForm() {
  const memory = sizeOf('b-memory');
  const disk = sizeOf('b-disk');
  const threads = fieldText('b-threads');
  const shares = fieldText('b-shares');
  const net = $('b-net').checked;
  if (!net && memory === undefined && disk === undefined && threads === '' && shares === '') return undefined;
  return {
    net,
    ...(memory === undefined ? {} : { memory }),
    ...(threads === '' ? {} : { threads: numberOf(threads) }),
    ...(shares === '' ? {} : { shares: numberOf(shares) }),
    ...(disk === undefined ? {} : { disk }),
  };
}

function presencedFromForm() {
  const bearerID = fieldText('b-bearer-id');
  const bearerName = fieldValue('b-bearer-name');
  if (bearerID === '' && bearerName === '') return undefined;
  return { bearerID: bearerID === '' ? 0 : numberOf(bearerID), bearerName };
}

/** The `createReplToken` input the form describes, on `base`'s iat and salt. */
function tokenInitFromForm(base) {
  const persistence = fieldValue('b-persistence');
  const token = {
    iat: base.iat,
    exp: { seconds: base.iat.seconds + lifetimeSeconds(), nanos: base.iat.nanos },
    salt: base.salt,
    cluster: fieldValue('b-cluster'),
    persistence: /^\d+$/.test(persistence) ? Number(persistence) : persistence,
    flags: fieldValue('b-flags')
      .split(',')
      .map((f) => f.trim())
      .filter((f) => f !== ''),
    metadata: metadataFromForm(),
  };
  const resourceLimits = resourceLimitsFromForm();
  if (resourceLimits !== undefined) token.resourceLimits = resourceLimits;
  const presenced = presencedFromForm();
  if (presenced !== undefined) token.presenced = presenced;
  return token;
}

function footerFromForm() {
  const keyId = fieldText('b-key-id');
  const issuer = fieldText('b-issuer');
  if (keyId === '' && issuer === '') return undefined;
  return { cert: keyId === '' ? { case: undefined } : { case: 'keyId', value: keyId }, issuer };
}

/** Shows only the metadata fields of the chosen kind. */
function showKinds(form) {
  const kind = fieldValue('b-kind');
  for (const field of form.querySelectorAll('[data-kinds]')) {
    field.hidden = !field.dataset.kinds.split(' ').includes(kind);
  }
}

function showBuildError(error, title) {
  $('build-error').replaceChildren(errorBox(error, title));
  $('build-error').hidden = false;
}

/** Clears the last result: no error, no signed token to inspect. */
function clearBuildResult() {
  $('build-error').hidden = true;
  $('build-error').replaceChildren();
  $('b-token').value = '';
  $('b-inspect').disabled = true;
}

/** The encoded body (hex, base64, size) and its times; empty when `bytes` is undefined. */
function showEncoding(gt, token, bytes) {
  if (bytes === undefined) {
    for (const id of ['b-hex', 'b-base64', 'b-times']) $(id).value = '';
    $('b-size').textContent = '';
    return;
  }
  $('b-times').value = `iat ${gt.timestampToDate(token.iat).toISOString()}\nexp ${gt.timestampToDate(token.exp).toISOString()}\nsalt ${token.salt}`;
  $('b-hex').value = toHex(bytes);
  $('b-base64').value = toBase64(bytes);
  $('b-size').textContent = `(${bytes.length} bytes)`;
}

/** Signs `token` with `secret` and shows it, unless `isCurrent()` says a newer render began. */
async function showSignedToken(gt, token, secret, isCurrent) {
  try {
    const signed = await gt.signToken(token, secret, footerFromForm());
    if (!isCurrent()) return;
    $('b-token').value = signed;
    $('b-inspect').disabled = false;
  } catch (error) {
    if (isCurrent()) showBuildError(error, 'The token cannot be signed');
  }
}

async function renderBuilder(gt, form, state) {
  const mine = ++state.generation;
  const isCurrent = () => mine === state.generation;
  const output = $('build-output');
  output.dataset.state = 'busy';
  output.setAttribute('aria-busy', 'true');
  showKinds(form);
  clearBuildResult();
  const done = () => {
    if (!isCurrent()) return;
    output.dataset.state = 'done';
    output.removeAttribute('aria-busy');
  };
  let token;
  let bytes;
  try {
    token = gt.createReplToken(tokenInitFromForm(state.base));
    bytes = gt.encodeReplToken(token);
  } catch (error) {
    showEncoding(gt, undefined, undefined);
    showBuildError(error, 'These fields do not make a ReplToken');
    done();
    return;
  }
  showEncoding(gt, token, bytes);
  const secret = fieldText('b-secret-key');
  if (secret !== '') await showSignedToken(gt, token, secret, isCurrent);
  done();
}

function keyText(bytes) {
  return fieldValue('b-key-encoding') === 'hex' ? toHex(bytes) : toBase64Url(bytes);
}

function showKeyPair(pair) {
  $('b-secret-key').value = keyText(pair.secretKey);
  $('b-public-key').value = keyText(pair.publicKey);
}

/** Whether the key fields still hold `pair` (in either encoding), so re-encoding loses nothing typed. */
function fieldsHoldKeyPair(pair) {
  return [toHex, toBase64Url].some((encode) => fieldText('b-secret-key') === encode(pair.secretKey) && fieldText('b-public-key') === encode(pair.publicKey));
}

function wireBuilder(gt, form, state) {
  const render = () => renderBuilder(gt, form, state);
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('input', render);
  form.addEventListener('change', render);
  $('b-renew').addEventListener('click', () => {
    state.base = freshBase(gt);
    render();
  });
  $('b-generate').addEventListener('click', async () => {
    try {
      state.generated = await gt.generateSigningKeyPair();
    } catch (error) {
      showBuildError(error, 'No key pair could be generated');
      return;
    }
    showKeyPair(state.generated);
    render();
  });
  $('b-key-encoding').addEventListener('change', () => {
    if (state.generated === undefined || !fieldsHoldKeyPair(state.generated)) return;
    showKeyPair(state.generated);
    render();
  });
  $('b-inspect').addEventListener('click', () => {
    const token = $('b-token').value;
    if (token === '') return;
    window.dispatchEvent(new CustomEvent('goval-inspect', { detail: { token, publicKey: fieldText('b-public-key') } }));
  });
  render();
}

function setUpBuilder(gt) {
  wireBuilder(gt, $('build-form'), {
    base: freshBase(gt),
    generated: undefined, // the last generated key pair, to re-show it in another encoding
    generation: 0, // the latest render; a signature that finishes late is dropped
  });
}

main().catch((error) => {
  // Anything unexpected during setup: shown, never left uncaught.
  const status = $('load-status');
  status.hidden = false;
  status.replaceChildren(errorBox(error, 'The inspector failed to start'));
});
