//! Equality of the short strings that the counting tables compare on every look-up.
//!
//! `==` on two slices calls `memcmp` (or `bcmp`). Native, that is libc's, behind a call through
//! the PLT; in wasm there is no libc, and it is compiler-builtins' loop of one byte a step, which
//! took about 3 % of a run in Node. Keys and tokens are mostly 2–20 bytes: compared here in a
//! few 8- or 4-byte loads, inline.

/// Whether `a` and `b` hold the same bytes.
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    if len >= 8 {
        let word = |bytes: &[u8], at: usize| {
            u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"))
        };
        let mut at = 0;
        while at + 8 < len {
            if word(a, at) != word(b, at) {
                return false;
            }
            at += 8;
        }
        // The last 8 bytes, which may overlap the ones compared last.
        word(a, len - 8) == word(b, len - 8)
    } else if len >= 4 {
        let word = |bytes: &[u8], at: usize| {
            u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
        };
        // Two overlapping halves: together they cover every byte.
        word(a, 0) == word(b, 0) && word(a, len - 4) == word(b, len - 4)
    } else if len > 0 {
        // 1 to 3 bytes: the first, the middle and the last cover them all.
        a[0] == b[0] && a[len / 2] == b[len / 2] && a[len - 1] == b[len - 1]
    } else {
        true
    }
}

/// Whether `a` and `b` are the same string.
#[inline]
pub(crate) fn same_str(a: &str, b: &str) -> bool {
    same_bytes(a.as_bytes(), b.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every length from 0 to 40, against `==`: equal strings, and strings that differ in one
    /// byte at each position, or in their length.
    #[test]
    fn agrees_with_slice_equality() {
        let base: Vec<u8> = (0..40u8).map(|i| b'a' + i % 26).collect();
        for len in 0..=base.len() {
            let a = &base[..len];
            let copy = a.to_vec(); // equal bytes elsewhere in memory
            assert!(same_bytes(a, &copy), "equal, {len} bytes");
            for at in 0..len {
                let mut b = a.to_vec();
                b[at] ^= 0x20;
                assert_eq!(
                    same_bytes(a, &b),
                    a == b.as_slice(),
                    "{len} bytes, differ at {at}"
                );
                assert!(!same_bytes(a, &b), "{len} bytes, differ at {at}");
            }
            if len > 0 {
                assert!(
                    !same_bytes(a, &a[..len - 1]),
                    "{len} against one byte shorter"
                );
            }
        }
        assert!(same_str("привет", "привет"));
        assert!(!same_str("привет", "привес"));
        assert!(same_str("", ""));
    }
}
