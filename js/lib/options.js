// The one reader of options objects. Every function of the package that takes options reads
// them here: own properties only, into a null-prototype object, so a polluted
// Object.prototype (`Object.prototype.now = false`) can neither fill in a missing option nor
// change a default.

import { describe } from './text.js';
import { GovalTokenError } from '../errors.js';

const OPTION_NAME = /^[a-z][A-Za-z]{0,31}$/;

/**
 * `options` as a null-prototype object of its own properties, each one of `known`; or a
 * GovalTokenError naming the problem. `undefined` reads as no options.
 * @param {unknown} options
 * @param {readonly string[]} known
 * @param {string} [what] the function's name, for the message
 */
export function readOptions(options, known, what) {
  const out = Object.create(null);
  if (options === undefined) return out;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new GovalTokenError(`${what ? `${what} expects` : 'options must be'} an options object, got ${describe(options)}`, { path: 'options' });
  }
  for (const key of Reflect.ownKeys(options)) {
    if (typeof key !== 'string' || !known.includes(key)) {
      // The name is shown only when it looks like one (a misplaced key could be the name).
      const name = typeof key !== 'string' ? 'a symbol' : OPTION_NAME.test(key) ? `"${key}"` : describe(key);
      throw new GovalTokenError(`unknown option ${name} (known: ${known.join(', ')})`, { path: 'options' });
    }
    out[key] = options[key];
  }
  return out;
}
