//! The shared suite (tests/common) as wasm32 in headless Chromium:
//! `wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver --mode no-install`
//! (as scripts/rust-tests.sh runs it; webdriver.json holds the flags Chromium needs).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod common;
