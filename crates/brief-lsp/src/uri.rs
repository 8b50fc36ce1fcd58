//! `file:` URIs and paths.
//!
//! The server reads files (`brief.toml`, bibliographies) and so needs paths; the client names
//! documents by URI. Only `file:` URIs have a path; other schemes (`untitled:`) are linted
//! without a project: default settings and no bibliography.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::Uri;

/// The path of a `file:` URI, percent-decoded.
pub(crate) fn to_path(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let scheme_end = text.find(':')?;
    if !text[..scheme_end].eq_ignore_ascii_case("file") {
        return None;
    }
    let rest = &text[scheme_end + 1..];
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let path = match rest.strip_prefix("//") {
        Some(with_authority) => {
            let slash = with_authority.find('/').unwrap_or(with_authority.len());
            let authority = &with_authority[..slash];
            if !authority.is_empty() && !authority.eq_ignore_ascii_case("localhost") {
                return None;
            }
            &with_authority[slash..]
        }
        None => rest,
    };
    let decoded = String::from_utf8(percent_decode(path)).ok()?;
    if cfg!(windows) {
        // `/C:/Users/...` is `C:/Users/...`.
        let bytes = decoded.as_bytes();
        if bytes.len() >= 3 && bytes[0] == b'/' && bytes[2] == b':' {
            return Some(PathBuf::from(&decoded[1..]));
        }
    }
    if decoded.is_empty() {
        return None;
    }
    Some(PathBuf::from(decoded))
}

/// The `file:` URI of an absolute path.
pub(crate) fn from_path(path: &Path) -> Option<Uri> {
    let path = brief_model::load::absolute(path);
    let text = path.to_str()?;
    let mut slashed = text.replace('\\', "/");
    if !slashed.starts_with('/') {
        slashed.insert(0, '/');
    }
    let mut out = String::from("file://");
    for byte in slashed.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&byte);
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    Uri::from_str(&out).ok()
}

fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut idx = 0;
    while idx < bytes.len() {
        if bytes[idx] == b'%' {
            let hex = bytes
                .get(idx + 1..idx + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(byte) = hex {
                out.push(byte);
                idx += 3;
                continue;
            }
        }
        out.push(bytes[idx]);
        idx += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_non_ascii_paths() {
        if cfg!(windows) {
            return;
        }
        let path = Path::new("/tmp/briefs/Հայաստան brief#1.md");
        let uri = from_path(path).unwrap();
        assert!(uri.as_str().starts_with("file:///tmp/briefs/%D5%80"));
        assert_eq!(to_path(&uri).unwrap(), path);
        let other = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(to_path(&other), None);
        let vscode = Uri::from_str("file:///home/a/x%20y.md").unwrap();
        assert_eq!(to_path(&vscode).unwrap(), Path::new("/home/a/x y.md"));
    }
}
