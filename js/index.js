// Entry point for browsers and bundlers: fetches the .wasm next to this file.
import { install } from './codec/boundary.js';

const url = new URL('goval_token_bg.wasm', import.meta.url);

async function instantiate() {
  const response = await fetch(url);
  if (typeof WebAssembly.instantiateStreaming === 'function') {
    try {
      return (await WebAssembly.instantiateStreaming(response.clone(), {})).instance;
    } catch (error) {
      if (response.headers.get('Content-Type') === 'application/wasm') throw error;
      console.warn('goval-token: serve .wasm files as application/wasm; loading it the slower way instead.', error);
    }
  }
  return (await WebAssembly.instantiate(await response.arrayBuffer(), {})).instance;
}

install((await instantiate()).exports);

export * from './api.js';
