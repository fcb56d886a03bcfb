// The one reader of options objects. Every function of the package that takes options reads
// them here (the codec's decode, toJson and fromJson options too): own properties only, into a
// null-prototype object, so a polluted Object.prototype (`Object.prototype.now = false`) can
// neither fill in a missing option nor change a default.

import { describe } from './text.js';
import { GovalTokenError } from '../errors.js';

const OPTION_NAME = /^[a-z][A-Za-z]{0,31}$/;

/**
 * `options` as a null-prototype object of its own properties, each one of `known`; or an error
 * naming the problem. `undefined` reads as no options.
 * @param {unknown} options
 * @param {readonly string[]} known
 * @param {string} [what] the function's name, for the message
 * @param {{ ErrorClass?: Function, hints?: Record<string, string>, objectPath?: string }} [how]
 *   the error class (GovalTokenError by default; the codec's own for its options), a hint per
 *   misplaced option name, and the path of the error for options that are not an object
 */
export function readOptions(options, known, what, how = {}) {
  const { ErrorClass = GovalTokenError, hints = {}, objectPath = 'options' } = how;
  const out = Object.create(null);
  if (options === undefined) return out;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ErrorClass(`${what ? `${what} expects an options object` : 'options must be an object'}, got ${describe(options)}`, { path: objectPath });
  }
  for (const key of Reflect.ownKeys(options)) {
    if (typeof key !== 'string' || !known.includes(key)) {
      // The name is shown only when it looks like one (a misplaced key could be the name).
      const name = typeof key !== 'string' ? 'a symbol' : OPTION_NAME.test(key) ? `"${key}"` : describe(key);
      const hint = typeof key === 'string' && Object.hasOwn(hints, key) ? `: ${hints[key]}` : ` (known: ${known.join(', ')})`;
      throw new ErrorClass(`unknown option ${name}${hint}`, { path: 'options' });
    }
    out[key] = options[key];
  }
  return out;
}
