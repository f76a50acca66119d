//! No malformed request gets a 5xx: every operation in the OpenAPI document is sent bad path
//! ids, bad query values, bodies that are not JSON, not UTF-8, of the wrong shape or of the
//! wrong type, and must answer with a 4xx problem+json.

use redress::domain::Role;
use reqwest::Method;

use crate::helpers::{TestApp, on_both_databases};

on_both_databases!(every_operation_answers_malformed_input_with_a_4xx_problem);

/// Path ids that do not parse, overflow, or are not UTF-8 once decoded.
const BAD_IDS: &[&str] = &["abc", "99999999999999999999999", "-1", "%FF%FE", "1.5"];

/// A body and the content type it claims.
type Body = (&'static str, Vec<u8>);

/// Bodies a client might send by mistake, with the content type it would claim.
fn bad_bodies() -> Vec<Body> {
    vec![
        ("application/json", b"{".to_vec()),
        ("application/json", vec![0xff, 0xfe, b'{', b'}']),
        ("application/json", b"[]".to_vec()),
        ("application/json", b"null".to_vec()),
        (
            "application/json",
            br#"{"reason": 12, "items": "x", "choice": "maybe"}"#.to_vec(),
        ),
        (
            "application/json",
            format!(r#"{{"reason": "{}"}}"#, "x".repeat(5000)).into_bytes(),
        ),
        ("text/plain", b"hello".to_vec()),
        ("multipart/form-data; boundary=x", b"--x\r\nbroken".to_vec()),
    ]
}

async fn every_operation_answers_malformed_input_with_a_4xx_problem(app: TestApp) {
    let everyone = [
        Role::Lawyer,
        Role::Secretariat,
        Role::Commissioner,
        Role::Chair,
        Role::FinanceOfficer,
        Role::FinanceApprover,
        Role::Auditor,
        Role::Admin,
    ];
    let user = app.user("everyone", &everyone).await;
    let claim = app.draft(&user).await.to_string();
    let spec = app.openapi().await;
    let mut failures = Vec::new();
    let mut unauthenticated = 0;
    // Signing out would end the token the sweep uses.
    let paths = spec["paths"].as_object().unwrap();
    for (template, operations) in paths.iter().filter(|(path, _)| !path.ends_with("/logout")) {
        for method in operations.as_object().unwrap().keys() {
            let method: Method = method.to_uppercase().parse().unwrap();
            for (path, body) in requests(template, &claim) {
                let mut request = app
                    .client
                    .request(method.clone(), app.url(&path))
                    .bearer_auth(&user.token);
                if let Some((content_type, bytes)) = body {
                    request = request.header("content-type", content_type).body(bytes);
                }
                let response = request.send().await.unwrap();
                let status = response.status();
                unauthenticated += usize::from(status == 401);
                let problem_json = response
                    .headers()
                    .get("content-type")
                    .is_some_and(|value| value == "application/problem+json");
                if status.is_server_error() || (status.is_client_error() && !problem_json) {
                    failures.push(format!("{method} {path}: {status}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(unauthenticated, 0, "the sweep must reach past sign-in");
}

/// The requests to send to one path template: bad ids with no body, then the real claim with
/// each bad body, and bad query values where the path takes them.
fn requests(template: &str, claim: &str) -> Vec<(String, Option<Body>)> {
    let with_id = |id: &str| template.replace("{id}", id).replace("{action}", "submit");
    let mut requests: Vec<_> = BAD_IDS
        .iter()
        .filter(|_| template.contains("{id}"))
        .map(|id| (with_id(id), None))
        .collect();
    requests.push((
        template.replace("{action}", "fly").replace("{id}", claim),
        None,
    ));
    for body in bad_bodies() {
        requests.push((with_id(claim), Some(body)));
    }
    if template == "/api/v1/claims" {
        for query in [
            "?limit=abc",
            "?after=%FF",
            "?state=flying",
            "?overdue=perhaps",
        ] {
            requests.push((format!("{template}{query}"), None));
        }
    }
    requests
}
