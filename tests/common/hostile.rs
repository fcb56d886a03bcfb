//! Hostile input never panics.

use super::support::*;

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn hostile_every_truncation_of_a_full_token() {
    let bytes = full_token_bytes();
    let mut errors = 0;
    for n in 0..bytes.len() {
        for message in 0..MESSAGES.len() {
            check_hostile(message, &bytes[..n]);
        }
        if decode(msg::REPL_TOKEN, &bytes[..n], &lim()).is_err() {
            errors += 1;
        }
    }
    // Most cuts land inside a field.
    assert!(errors > bytes.len() / 2, "{errors} of {}", bytes.len());
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn hostile_every_single_bit_flip_of_a_full_token() {
    let bytes = full_token_bytes();
    let mut buf = bytes.clone();
    for i in 0..bytes.len() {
        for bit in 0..8 {
            buf[i] ^= 1 << bit;
            check_hostile(msg::REPL_TOKEN, &buf);
            buf[i] ^= 1 << bit;
        }
    }
    assert_eq!(buf, bytes);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn hostile_random_byte_strings() {
    let mut rng = Rng::new(0x5eed);
    for i in 0..4000 {
        let len = rng.below(80) as usize;
        let bytes = rng.bytes(len);
        check_hostile((i % MESSAGES.len() as u64) as usize, &bytes);
    }
    // Random mutations of a valid token: overwrite, insert, delete.
    let full = full_token_bytes();
    for _ in 0..2000 {
        let mut b = full.clone();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(b.len() as u64 + 1) as usize;
            match rng.below(3) {
                0 if at < b.len() => b[at] = rng.next() as u8,
                1 => b.insert(at, rng.next() as u8),
                _ if at < b.len() => {
                    b.remove(at);
                }
                _ => {}
            }
        }
        check_hostile(msg::REPL_TOKEN, &b);
    }
    // Random sequences of plausible tags, so deeper code paths are reached.
    for _ in 0..2000 {
        let mut w = W::new();
        for _ in 0..rng.below(12) {
            let number = [1, 2, 3, 6, 7, 8, 9, 10, 12, 13, 14, 5, 20][rng.below(13) as usize];
            let wt = [0, 1, 2, 2, 2, 3, 4, 5][rng.below(8) as usize];
            w = w.tag(number, wt);
            match wt {
                0 => w = w.varint(rng.next() >> rng.below(64)),
                1 => w = w.raw(&rng.bytes(8)),
                5 => w = w.raw(&rng.bytes(4)),
                2 => {
                    let n = rng.below(12) as usize;
                    w = w.varint(n as u64).raw(&rng.bytes(n));
                }
                _ => {}
            }
        }
        check_hostile(msg::REPL_TOKEN, &w.done());
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn hostile_random_word_sequences_into_encode() {
    let mut rng = Rng::new(42);
    let area = rng.bytes(64);
    let check = |message: usize, words: &[u32], bytes: &[u8]| {
        if let Ok(out) = encode(message, words, bytes) {
            // Whatever encode accepts, decode reads back (up to the largest depth limit).
            let limits = Limits {
                max_depth: goval_token::codec::MAX_DEPTH_LIMIT,
                ..lim()
            };
            let words = decode_to_flat(message, &out, &limits)
                .unwrap_or_else(|e| panic!("{words:?} encoded to {out:02x?}: {e}"));
            assert_eq!(
                encode(message, &words, &out).unwrap(),
                out,
                "not canonical: {words:?}"
            );
        }
    };
    for i in 0..4000 {
        let len = rng.below(48) as usize;
        let words: Vec<u32> = (0..len)
            .map(|_| match rng.below(4) {
                0 => rng.next() as u32,
                _ => rng.below(4) as u32,
            })
            .collect();
        check((i % (MESSAGES.len() as u64 + 1)) as usize, &words, &area);
    }
    // Single-word mutations of a valid flat description.
    let full = full_token_bytes();
    let words = flat(msg::REPL_TOKEN, &full);
    let mut ok = 0;
    for i in 0..words.len() {
        for v in [0, 1, 2, 3, 5, 255, 1 << 31, u32::MAX, rng.next() as u32] {
            let mut w = words.clone();
            w[i] = v;
            if encode(msg::REPL_TOKEN, &w, &full).is_ok() {
                ok += 1;
            }
            check(msg::REPL_TOKEN, &w, &full);
        }
        // Drop a word, and duplicate one.
        let mut w = words.clone();
        w.remove(i);
        check(msg::REPL_TOKEN, &w, &full);
        let mut w = words.clone();
        w.insert(i, words[i]);
        check(msg::REPL_TOKEN, &w, &full);
    }
    assert!(ok > 0);
}
