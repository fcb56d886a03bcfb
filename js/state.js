// The token API, made on first use (so that an app that only encodes and decodes does not
// bundle it).
import { createTokenApi } from './token.js';

let tokens;

export const state = {
  codec: undefined,
  get tokens() {
    tokens ??= createTokenApi({}, undefined);
    return tokens;
  },
};
