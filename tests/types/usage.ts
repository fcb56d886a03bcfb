// Compiled by `tsc --noEmit` (strict): the declarations must describe the object model.
import {
  createReplToken,
  decodeReplToken,
  decodeTimestamp,
  DecodeError,
  encodeRepl,
  encodeReplToken,
  encodeTimestamp,
  EncodeError,
  GovalTokenError,
  timestampFromDate,
  timestampNow,
  timestampToDate,
  type Persistence,
  type ReplToken,
  type ReplTokenInit,
  type Timestamp,
  type UnknownField,
} from '../../pkg/index.js';

const init: ReplTokenInit = {
  iat: new Date(),
  exp: '2030-01-01T00:00:00Z',
  persistence: 'EPHEMERAL',
  format: 1,
  metadata: { case: 'repl', value: { id: 'x', language: 'python3' } },
  resourceLimits: { memory: 2147483648, disk: '1024', threads: 2.5 },
  presenced: { bearerID: 1, bearerName: 'ada' },
  flags: ['a'],
  $unknown: [{ no: 20, wireType: 0, data: new Uint8Array([1]) }],
};
const token: ReplToken = decodeReplToken(encodeReplToken(init), { maxBytes: 4096 });

// Decoded values have exact types.
const seconds: bigint | undefined = token.iat?.seconds;
const memory: bigint | undefined = token.resourceLimits?.memory;
const bearer: number | undefined = token.presenced?.bearerID;
const persistence: Persistence | number = token.persistence;
const flags: string[] = token.flags;
const unknown: UnknownField[] | undefined = token.$unknown;

// The oneof narrows on `case`.
switch (token.metadata.case) {
  case 'repl': {
    const language: string = token.metadata.value.language;
    void language;
    break;
  }
  case 'id': {
    const source: string = token.metadata.value.sourceRepl;
    void source;
    break;
  }
  case 'classroom':
    break;
  case undefined: {
    // @ts-expect-error an unset oneof has no value
    const none: string = token.metadata.value.id;
    void none;
    break;
  }
}

// createReplToken always sets iat and exp.
const created = createReplToken({ cluster: 'global' });
const expiry: bigint = created.exp.seconds;
const ts: Timestamp = timestampFromDate(new Date());
const date: Date = timestampToDate(timestampNow());
const tsBytes: Uint8Array = encodeTimestamp('2024-01-01T00:00:00Z');
const decodedTs: Timestamp = decodeTimestamp(tsBytes);
const replBytes: Uint8Array = encodeRepl({ id: 'x' });

// Wrong input is a type error.
// @ts-expect-error bearerId is not a field
encodeReplToken({ presenced: { bearerId: 1 } });
// @ts-expect-error persistence names are checked
encodeReplToken({ persistence: 'READ_ONLY' });
// @ts-expect-error unknown oneof case
encodeReplToken({ metadata: { case: 'other', value: {} } });
// @ts-expect-error memory cannot be a boolean
encodeReplToken({ resourceLimits: { memory: true } });

try {
  decodeReplToken(new Uint8Array([0x08]));
} catch (error) {
  if (error instanceof DecodeError) {
    const offset: number | undefined = error.offset;
    const path: string = error.path;
    void offset;
    void path;
  } else if (error instanceof EncodeError || error instanceof GovalTokenError) {
    const name: string = error.name;
    void name;
  }
}

void [seconds, memory, bearer, persistence, flags, unknown, expiry, ts, date, decodedTs, replBytes];
