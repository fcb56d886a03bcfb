//! The boundary (src/boundary.rs): buffers JS writes into, one call, a result block.

use super::support::*;

/// The result block of a call, as JS reads it: `[status, body…]` (its length word dropped).
fn result_words(result: &[u32]) -> Vec<u32> {
    assert_eq!(
        result[layout::RESULT_LENGTH as usize] as usize,
        result.len()
    );
    result[1..].to_vec()
}

/// Decodes as the JS side does: the bytes written into the shared byte buffer, one call.
fn boundary_decode(
    scratch: &mut Scratch,
    message: u32,
    bytes: &[u8],
    max_bytes: u32,
    max_depth: u32,
) -> Vec<u32> {
    scratch.reserve(0, bytes.len());
    scratch.buffers().1[..bytes.len()].copy_from_slice(bytes);
    result_words(scratch.decode(message, bytes.len() as u32, max_bytes, max_depth))
}

/// Encodes as the JS side does: words and bytes written into the shared buffers, one call.
fn boundary_encode(
    scratch: &mut Scratch,
    message: u32,
    words: &[u32],
    bytes: &[u8],
) -> Result<Vec<u8>, Vec<u32>> {
    scratch.reserve(words.len(), bytes.len());
    let (w, b) = scratch.buffers();
    w[..words.len()].copy_from_slice(words);
    b[..bytes.len()].copy_from_slice(bytes);
    let result = result_words(scratch.encode(message, words.len() as u32, bytes.len() as u32));
    if result[0] != 0 {
        return Err(result);
    }
    // Addresses are 32-bit in wasm (natively only their low word is passed).
    assert_eq!(result[1], scratch.output().as_ptr() as usize as u32);
    assert_eq!(result[2] as usize, scratch.output().len());
    Ok(scratch.output().to_vec())
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn boundary_passes_flat_words_and_error_words() {
    let mut scratch = Scratch::new();
    let control = scratch.reserve(3, 5);
    // SAFETY: the control block is four words.
    let control = unsafe { core::slice::from_raw_parts(control, 4) }.to_vec();
    assert!(control[layout::CONTROL_WORDS_CAPACITY as usize] >= 3);
    assert!(control[layout::CONTROL_BYTES_CAPACITY as usize] >= 5);

    let bytes = full_token_bytes();
    let words = boundary_decode(&mut scratch, msg::REPL_TOKEN as u32, &bytes, 1 << 20, 64);
    assert_eq!(words[0], 0);
    // The input is left ASCII, its ASCII bytes (the strings JS reads from it) in place.
    let masked: Vec<u8> = bytes.iter().map(|b| b & 0x7f).collect();
    assert_eq!(&scratch.buffers().1[..bytes.len()], masked.as_slice());
    assert_eq!(&words[1..], flat(msg::REPL_TOKEN, &bytes).as_slice());
    assert_eq!(
        boundary_encode(&mut scratch, msg::REPL_TOKEN as u32, &words[1..], &bytes),
        Ok(bytes.clone())
    );

    // Error words: code, offset + 1, a lo/hi, b lo/hi, segment count, segments.
    let repl = W::new().len_field(1, &[0xff]).done();
    let bad = W::new().len_field(7, &repl).done();
    let e = boundary_decode(&mut scratch, msg::REPL_TOKEN as u32, &bad, 1 << 20, 64);
    let field = layout::PATH_FIELD;
    assert_eq!(
        e,
        vec![
            ErrorKind::InvalidUtf8 as u32,
            4,
            0,
            0,
            0,
            0,
            2,
            field,
            (msg::REPL_TOKEN as u32) << 16 | 5,
            field,
            (msg::REPL as u32) << 16
        ]
    );
    let e = boundary_decode(&mut scratch, msg::REPL_TOKEN as u32, &bytes, 10, 64);
    assert_eq!(
        e[..7],
        [
            ErrorKind::TooLarge as u32,
            1,
            bytes.len() as u32,
            0,
            10,
            0,
            0
        ]
    );
    assert_eq!(
        boundary_decode(&mut scratch, 99, &[], 10, 64)[0],
        ErrorKind::Malformed as u32
    );
    // A length past the buffer is malformed, never a panic.
    assert_eq!(
        result_words(scratch.decode(0, u32::MAX, u32::MAX, 64))[0],
        ErrorKind::Malformed as u32
    );
    assert_eq!(
        result_words(scratch.encode(0, u32::MAX, 0))[0],
        ErrorKind::Malformed as u32
    );

    // Five words run out inside `cluster`: path segment (field, ReplToken << 16 | field 3).
    let cluster = (msg::REPL_TOKEN as u32) << 16 | 3;
    assert_eq!(
        boundary_encode(&mut scratch, msg::REPL_TOKEN as u32, &[0; 5], &[]),
        Err(vec![
            ErrorKind::Malformed as u32,
            0,
            0,
            0,
            0,
            0,
            1,
            field,
            cluster
        ])
    );
    let mut f = token_prefix();
    f.w(1).unknown(3, 2, b"x");
    assert_eq!(
        boundary_encode(&mut scratch, msg::REPL_TOKEN as u32, &f.words, &f.bytes),
        Err(vec![
            ErrorKind::UnknownIsKnown as u32,
            0,
            3,
            0,
            2,
            0,
            2,
            layout::PATH_UNKNOWN,
            0,
            layout::PATH_INDEX,
            0
        ])
    );
    // Growing keeps what was written.
    scratch.reserve(2, 2);
    scratch.buffers().0[..2].copy_from_slice(&[7, 9]);
    scratch.reserve(100_000, 100_000);
    assert_eq!(&scratch.buffers().0[..2], &[7, 9]);
}
