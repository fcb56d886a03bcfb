// Plain objects, as the package reads them: own properties only, any realm.

/** `Object.hasOwn`: whether `key` is the object's own property (never its prototype's). */
export const hasOwn = Object.hasOwn ?? ((o, k) => Object.prototype.hasOwnProperty.call(o, k));

/** An own property's value, or undefined. */
export function ownValue(object, key) {
  return hasOwn(object, key) ? object[key] : undefined;
}

export function isPlainObject(value) {
  return plainPrototype(value) !== undefined;
}

/**
 * The prototype of a plain object (an object literal, `Object.create(null)`, or one from
 * another realm): null or a prototype whose own prototype is null. `undefined` for anything
 * else.
 */
export function plainPrototype(value) {
  if (value === null || typeof value !== 'object') return undefined;
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return proto;
  return Object.getPrototypeOf(proto) === null && !Array.isArray(value) ? proto : undefined;
}
