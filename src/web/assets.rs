//! The vendored front-end files (GOV.UK Frontend's CSS and JavaScript, htmx, our two small
//! scripts), built into the binary so that `cargo build` alone makes a complete server.
//!
//! They are served under `/assets/<version>/<name>`, the version being a digest of all of them:
//! a new release changes every URL, so browsers may keep each file for a year
//! (`Cache-Control: immutable`). src/web/assets/VERSIONS records where they came from and their
//! checksums, which a test compares with what is built in.

use std::sync::LazyLock;

use poem::http::{StatusCode, header};
use poem::web::Path;
use poem::{Response, handler};
use sha2::{Digest, Sha256};

/// A year, the longest `max-age` caches honour.
const CACHE_CONTROL_IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Each file by name, with its media type.
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("assets/app.css"),
    ),
    (
        "govuk-frontend.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("assets/govuk-frontend.min.js"),
    ),
    (
        "htmx.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("assets/htmx.min.js"),
    ),
    (
        "init.js",
        "text/javascript; charset=utf-8",
        include_bytes!("assets/init.js"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("assets/app.js"),
    ),
];

/// The first 12 hex digits of the SHA-256 over every file, in order.
static VERSION: LazyLock<String> = LazyLock::new(|| {
    let mut digest = Sha256::new();
    for (name, _, bytes) in FILES {
        digest.update(name.as_bytes());
        digest.update(bytes);
    }
    hex::encode(digest.finalize())[..12].to_owned()
});

/// The URL a page links a file at.
pub fn asset_url(name: &str) -> String {
    debug_assert!(
        FILES.iter().any(|(known, _, _)| *known == name),
        "no asset {name}"
    );
    format!("/assets/{}/{name}", *VERSION)
}

/// A file by name. An old version's URL still gets today's file, but only cached briefly, so a
/// page cached across a release does not keep a stale file for a year.
#[handler]
pub fn asset(Path((version, name)): Path<(String, String)>) -> Response {
    let Some((_, media_type, bytes)) = FILES.iter().find(|(known, _, _)| *known == name) else {
        return Response::builder().status(StatusCode::NOT_FOUND).finish();
    };
    let cache_control = if version == *VERSION {
        CACHE_CONTROL_IMMUTABLE
    } else {
        "no-cache"
    };
    Response::builder()
        .header(header::CONTENT_TYPE, *media_type)
        .header(header::CACHE_CONTROL, cache_control)
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .body(*bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_built_in_are_those_versions_records() {
        let versions = include_str!("assets/VERSIONS");
        for (name, _, bytes) in FILES {
            let line = format!("{}  {name}", hex::encode(Sha256::digest(bytes)));
            assert!(
                versions.lines().any(|recorded| recorded == line),
                "VERSIONS does not record {name} as built in: {line}"
            );
        }
    }

    #[test]
    fn no_gov_uk_branding_is_served() {
        let css = std::str::from_utf8(FILES[0].2).unwrap();
        assert!(!css.contains("GDS Transport"));
        assert!(!css.contains("@font-face"));
    }
}
