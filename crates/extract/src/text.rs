//! Small text utilities shared by the parsers and the extractors.

use rustc_hash::FxHasher;
use std::hash::Hasher;

/// [`WORD_BYTES`] of an ASCII byte that is no letter or digit.
pub const SEPARATOR: u8 = 0;
/// [`WORD_BYTES`] of a byte of a multi-byte (non-ASCII) character.
pub const NON_ASCII: u8 = 0xFF;

/// Per byte: its lower-case form for ASCII letters and digits, else
/// [`SEPARATOR`] or [`NON_ASCII`]; so that word splitters (the topic model's,
/// the indexer's analyzer) read ASCII text with one lookup a byte.
///
/// ```
/// use dateline_extract::text::{NON_ASCII, SEPARATOR, WORD_BYTES};
/// assert_eq!(WORD_BYTES[usize::from(b'Q')], b'q');
/// assert_eq!(WORD_BYTES[usize::from(b'7')], b'7');
/// assert_eq!(WORD_BYTES[usize::from(b'-')], SEPARATOR);
/// assert_eq!(WORD_BYTES["é".as_bytes()[0] as usize], NON_ASCII);
/// ```
pub static WORD_BYTES: [u8; 256] = {
    let mut table = [SEPARATOR; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte >= 0x80 {
            NON_ASCII
        } else if byte.is_ascii_alphanumeric() {
            byte.to_ascii_lowercase()
        } else {
            SEPARATOR
        };
        b += 1;
    }
    table
};

/// Asks the CPU to start loading the cache line of `item`, a slot of a
/// table larger than its caches that will be read soon (the topic model's
/// words, the indexer's stem cache); nothing on CPUs other than x86-64.
#[inline]
pub fn prefetch_line<T>(item: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: a prefetch is a hint that never faults and changes no
        // memory; the address is that of a live reference.
        unsafe { _mm_prefetch::<_MM_HINT_T0>((item as *const T).cast::<i8>()) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = item;
}

/// The first slot to probe for a key (given as 64-bit parts) in an
/// open-addressing table of `mask + 1` slots, a power of two: the flat
/// tables of the topic model, the word classes and the indexer's stem cache.
///
/// ```
/// let slot = dateline_extract::text::table_slot(&[7, 0, 1], 1023);
/// assert!(slot <= 1023);
/// assert_eq!(slot, dateline_extract::text::table_slot(&[7, 0, 1], 1023));
/// ```
pub fn table_slot(parts: &[u64], mask: usize) -> usize {
    let mut hasher = FxHasher::default();
    for &part in parts {
        hasher.write_u64(part);
    }
    // Truncation intended: only the bits under the mask are used.
    (hasher.finish() as usize) & mask
}

/// Splits text into blocks separated by a blank line (`"\n\n"`), like
/// `text.split("\n\n")` but with a byte search for `\n` instead of a
/// substring search: it runs on every paragraph of every article.
///
/// ```
/// let blocks: Vec<&str> = dateline_extract::text::blocks("a\nb\n\nc\n\n\nd").collect();
/// assert_eq!(blocks, ["a\nb", "c", "\nd"]);
/// ```
pub fn blocks(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut from = start;
        while let Some(offset) = bytes[from..].iter().position(|&b| b == b'\n') {
            let at = from + offset;
            if bytes.get(at + 1) == Some(&b'\n') {
                let block = &text[start..at];
                start = at + 2;
                return Some(block);
            }
            from = at + 1;
        }
        done = true;
        Some(&text[start..])
    })
}

/// Levenshtein distance over characters, for "did you mean" suggestions.
///
/// ```
/// assert_eq!(dateline_extract::text::edit_distance("Putn", "Putin"), 1);
/// ```
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}
