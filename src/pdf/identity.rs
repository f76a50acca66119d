//! The trailer's `/ID`, made from the document itself. printpdf draws the two identifiers from
//! a process-wide counter, so the same decision rendered twice would differ in those bytes;
//! here they become a hash of the file, and the same content gives the same bytes everywhere.

use std::ops::Range;

use sha2::{Digest, Sha256};

use super::PdfError;

/// What opens the identifiers in the trailer, as lopdf writes it.
const MARKER: &[u8] = b"/ID[(";
/// printpdf's identifiers are 32 characters; ours are as long, so no byte offset moves and the
/// cross-reference table stays right.
const IDENTIFIER_LENGTH: usize = 32;

/// Replaces both identifiers with the first 16 bytes of the SHA-256 of the file (computed with
/// the identifiers zeroed), in hexadecimal. Both are the same, as for a file written once.
pub(super) fn stamp(mut bytes: Vec<u8>) -> Result<Vec<u8>, PdfError> {
    let ranges = identifiers(&bytes).ok_or(PdfError::Write(
        "the trailer has no /ID of two 32-character strings".to_owned(),
    ))?;
    for range in &ranges {
        bytes[range.clone()].fill(b'0');
    }
    let digest = Sha256::digest(&bytes);
    let identifier = hex::encode_upper(&digest[..IDENTIFIER_LENGTH / 2]);
    for range in ranges {
        bytes[range].copy_from_slice(identifier.as_bytes());
    }
    Ok(bytes)
}

/// Where the two identifiers are: the last `/ID[(` of the file, which is in the trailer.
fn identifiers(bytes: &[u8]) -> Option<[Range<usize>; 2]> {
    let start = bytes
        .windows(MARKER.len())
        .rposition(|window| window == MARKER)?
        + MARKER.len();
    let first = start..start + IDENTIFIER_LENGTH;
    // The second string follows the first's closing parenthesis: `)(`.
    let second_start = first.end + 2;
    let second = second_start..second_start + IDENTIFIER_LENGTH;
    let well_formed = bytes.get(first.end..second_start) == Some(b")(".as_slice())
        && bytes.get(second.end) == Some(&b')');
    well_formed.then_some([first, second])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_identifiers_become_the_hash_of_the_file() {
        let trailer = format!("trailer<</ID[({})({})]>>", "A".repeat(32), "B".repeat(32));
        let other = format!("trailer<</ID[({})({})]>>", "C".repeat(32), "D".repeat(32));
        let stamped = stamp(trailer.into_bytes()).unwrap();
        assert_eq!(stamped, stamp(other.into_bytes()).unwrap());
        let text = String::from_utf8(stamped).unwrap();
        let identifiers = identifiers(text.as_bytes())
            .unwrap()
            .map(|range| &text[range]);
        assert_eq!(identifiers[0], identifiers[1]);
        assert!(
            identifiers[0]
                .chars()
                .all(|character| character.is_ascii_hexdigit())
        );
    }

    #[test]
    fn a_file_without_identifiers_is_an_error() {
        assert!(stamp(b"trailer<<>>".to_vec()).is_err());
    }
}
