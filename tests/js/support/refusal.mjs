// A promise that must reject with an error of a given name.
import assert from 'node:assert/strict';

/** Awaits `promise`, which must reject with an error named `name`; returns the error. */
export async function refusal(promise, name) {
  try {
    await promise;
  } catch (error) {
    assert.equal(error.name, name, `expected ${name}, got ${error.name}: ${error.message}`);
    return error;
  }
  assert.fail(`expected ${name}, but it verified`);
}
