//! Random salts from the platform CSPRNG (`crypto.getRandomValues` under wasm).

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Characters in a generated salt: 144 bits of entropy.
pub const SALT_LENGTH: usize = 24;

/// A salt of [`SALT_LENGTH`] base64url characters, or `None` when the platform has no
/// random source.
pub fn salt() -> Option<String> {
    let mut bytes = [0u8; SALT_LENGTH];
    getrandom::fill(&mut bytes).ok()?;
    // 64 divides 256, so masking keeps every character equally likely.
    Some(
        bytes
            .iter()
            .map(|b| BASE64URL[(b & 63) as usize] as char)
            .collect(),
    )
}
