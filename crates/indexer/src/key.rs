//! A file's key: how its path is spelled in the index (`id`, `path`, the
//! manifest), losslessly.
//!
//! tantivy terms are UTF-8, and paths on Unix are bytes. Decoding them
//! lossily gave `n\xff.txt` and `n\xfe.txt` one key, so one article
//! overwrote the other and every run saw changes. A key keeps every byte:
//! a path that is valid UTF-8 without a backslash is its own key (nearly
//! every path), a byte that is not UTF-8 becomes `\xHH`, and a backslash
//! becomes `\\`, so no two paths share a key and [`path_of_key`] gives the
//! path back. The escapes are also how such a name is printed.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The key of a path.
///
/// ```
/// use dateline_indexer::key::{path_key, path_of_key};
/// use std::path::Path;
/// assert_eq!(path_key(Path::new("/news/caf\u{e9}.txt")), "/news/caf\u{e9}.txt");
/// assert_eq!(path_key(Path::new(r"/news/a\b.txt")), r"/news/a\\b.txt");
/// # #[cfg(unix)] {
/// use std::os::unix::ffi::OsStrExt;
/// let latin1 = Path::new(std::ffi::OsStr::from_bytes(b"/news/caf\xe9.txt"));
/// assert_eq!(path_key(latin1), r"/news/caf\xe9.txt");
/// assert_eq!(path_of_key(&path_key(latin1)), latin1);
/// # }
/// ```
pub fn path_key(path: &Path) -> String {
    bytes_key(path.as_os_str().as_encoded_bytes()).into_owned()
}

/// The key of one file name or path given as its bytes (on Unix, the raw
/// bytes; elsewhere the platform's encoding, which is UTF-8 for valid names).
pub fn bytes_key(bytes: &[u8]) -> Cow<'_, str> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        if !text.contains('\\') || cfg!(not(unix)) {
            return Cow::Borrowed(text);
        }
    }
    let mut key = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for ch in chunk.valid().chars() {
            if ch == '\\' && cfg!(unix) {
                key.push_str("\\\\");
            } else {
                key.push(ch);
            }
        }
        for byte in chunk.invalid() {
            key.push_str(&format!("\\x{byte:02x}"));
        }
    }
    Cow::Owned(key)
}

/// The path a key was made from. Text that is not one of the key's escapes
/// is taken as it stands, so the keys of older indexes (lossy, unescaped)
/// still name a path, if not always the file's.
pub fn path_of_key(key: &str) -> PathBuf {
    if !key.contains('\\') || cfg!(not(unix)) {
        return PathBuf::from(key);
    }
    let bytes = key.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'\\' {
            if bytes.get(at + 1) == Some(&b'\\') {
                out.push(b'\\');
                at += 2;
                continue;
            }
            let hex = bytes.get(at + 2..at + 4).filter(|_| bytes[at + 1] == b'x');
            if let Some(byte) = hex
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(byte);
                at += 4;
                continue;
            }
        }
        out.push(bytes[at]);
        at += 1;
    }
    path_from_bytes(out)
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// A key (or any text from a file name) made safe to print on a terminal:
/// control characters (a newline, an escape sequence) are written as Rust
/// escapes, as JSON output escapes them; everything else stands.
///
/// ```
/// use dateline_indexer::key::printable;
/// assert_eq!(printable("a\nb\u{1b}[31m.txt"), "a\\nb\\u{1b}[31m.txt");
/// assert_eq!(printable("plain.txt"), "plain.txt");
/// ```
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        if ch.is_control() {
            out.extend(ch.escape_default());
        } else {
            out.push(ch);
        }
    }
    Cow::Owned(out)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;

    fn raw(bytes: &[u8]) -> &Path {
        Path::new(std::ffi::OsStr::from_bytes(bytes))
    }

    #[test]
    fn names_that_differ_in_bytes_have_different_keys_that_give_the_path_back() {
        let names: [&[u8]; 9] = [
            b"/a/n\xff.txt",
            b"/a/n\xfe.txt",
            b"/a/n\xfd.txt",
            b"/a/n\xef\xbf\xbd.txt", // U+FFFD itself, what lossy decoding gave all three
            b"/a/n\\xff.txt",        // a backslash and "xff", spelled out
            b"/a/n\\\\xff.txt",
            b"/a/n\\.txt",
            b"/a/n.txt",
            b"/a/\xc3.txt", // a cut multi-byte sequence
        ];
        let keys: Vec<String> = names.iter().map(|n| path_key(raw(n))).collect();
        let mut distinct = keys.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), names.len(), "{keys:?}");
        for (name, key) in names.iter().zip(&keys) {
            assert_eq!(path_of_key(key).as_os_str().as_bytes(), *name, "{key}");
        }
    }

    #[test]
    fn a_path_joined_from_parts_has_the_key_of_its_parts_joined() {
        // The walk sorts a folder's entries by the keys of their names; the
        // stream is in key order only if a path's key is its parts' keys
        // joined with '/'.
        let parts: [&[u8]; 3] = [b"/x\xe9", b"y\\z", b"w\xff.txt"];
        let joined: Vec<u8> = parts.join(&b'/');
        let by_parts: Vec<String> = parts.iter().map(|p| bytes_key(p).into_owned()).collect();
        assert_eq!(path_key(raw(&joined)), by_parts.join("/"));
    }
}
