// Timestamps (`{ seconds: bigint, nanos }`, the object model's) as people and platforms hold
// time: RFC 3339 text, Dates, the clock. Every Timestamp ⇄ text or Date conversion of the
// package lives here, and Durations as text (proto3 JSON's "1.5s", and words).

/** The current time as a Timestamp. */
export function currentTime() {
  const ms = Date.now();
  const seconds = Math.floor(ms / 1000);
  return { seconds: BigInt(seconds), nanos: (ms - seconds * 1000) * 1e6 };
}

/** -1, 0 or 1 as Timestamp `a` is before, at or after `b`. */
export function compareTime(a, b) {
  if (a.seconds !== b.seconds) return a.seconds < b.seconds ? -1 : 1;
  return a.nanos === b.nanos ? 0 : a.nanos < b.nanos ? -1 : 1;
}

/** A Timestamp as a Date, or undefined outside a Date's range. */
export function dateOf({ seconds, nanos }) {
  const date = new Date(Number(seconds) * 1000 + Math.floor(nanos / 1e6));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** RFC 3339 text of a Timestamp; outside years 0001-9999, `N s after the UNIX epoch`. */
export function rfc3339({ seconds, nanos }) {
  return formatRfc3339(seconds, nanos) ?? `${seconds} s after the UNIX epoch`;
}

/**
 * RFC 3339 in UTC with 0, 3, 6 or 9 fraction digits, for years 0001 to 9999; `undefined`
 * outside them.
 */
export function formatRfc3339(seconds, nanos) {
  const ms = Number(seconds) * 1000;
  if (!(ms >= -62135596800000 && ms <= 253402300799000)) return undefined;
  let fraction = '';
  if (nanos !== 0) {
    const digits = String(nanos).padStart(9, '0');
    fraction = `.${nanos % 1e6 === 0 ? digits.slice(0, 3) : nanos % 1e3 === 0 ? digits.slice(0, 6) : digits}`;
  }
  // toISOString writes years 0000-9999 with four digits and always three fraction digits.
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, `${fraction}Z`);
}

/**
 * A Duration (`seconds` a bigint, `nanos` of its sign) as proto3 JSON text: "1.5s",
 * "-0.000000001s", "3600s", with 0, 3, 6 or 9 fraction digits.
 */
export function formatDuration(seconds, nanos) {
  const negative = seconds < 0n || nanos < 0;
  let text = String(negative ? -seconds : seconds);
  if (nanos !== 0) {
    const digits = String(Math.abs(nanos)).padStart(9, '0');
    text += `.${nanos % 1e6 === 0 ? digits.slice(0, 3) : nanos % 1e3 === 0 ? digits.slice(0, 6) : digits}`;
  }
  return `${negative ? '-' : ''}${text}s`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** `{ seconds, nanos }` of an RFC 3339 date-time, or a string saying what is wrong. */
export function parseRfc3339(text) {
  const m = RFC3339.exec(text);
  if (!m) return 'expected an RFC 3339 date-time such as "2024-01-02T03:04:05.678Z"';
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const maxDay = month === 2 ? (leap ? 29 : 28) : new Date(Date.UTC(2000, month, 0)).getUTCDate();
  // Numbers only in the message: the text itself may be something pasted by mistake.
  if (month < 1 || month > 12) return `the month is ${month} (months are 01..12)`;
  if (day < 1 || day > maxDay) return `the day is ${day}, and ${MONTHS[month - 1]} ${year} has days 01..${maxDay}`;
  if (hour > 23) return `the hour is ${hour} (hours are 00..23)`;
  if (minute > 59) return `the minute is ${minute} (minutes are 00..59)`;
  if (second > 59) return `the second is ${second} (seconds are 00..59)`;
  let offsetMinutes = 0;
  if (m[9] !== undefined) {
    const offsetHours = Number(m[10]);
    const offsetMins = Number(m[11]);
    if (offsetHours > 23) return `the UTC offset's hours are ${offsetHours} (00..23)`;
    if (offsetMins > 59) return `the UTC offset's minutes are ${offsetMins} (00..59)`;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const seconds = date.getTime() / 1000 - offsetMinutes * 60;
  const nanos = m[7] === undefined ? 0 : Number(m[7].padEnd(9, '0'));
  return { seconds, nanos };
}

const DURATION_UNITS = [
  ['d', 86400],
  ['h', 3600],
  ['min', 60],
  ['s', 1],
];

/** `1 h 5 min`, `59 min 59 s`, `3 d 2 h`: the two largest non-zero units of |seconds|. */
export function durationText(seconds) {
  let rest = Math.abs(Math.trunc(seconds));
  if (!Number.isFinite(rest)) return `${seconds} s`;
  if (rest === 0) return '0 s';
  const parts = [];
  for (const [unit, size] of DURATION_UNITS) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || parts.length > 0) parts.push([n, unit]);
  }
  return parts
    .slice(0, 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}`)
    .join(' ');
}
