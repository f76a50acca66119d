//! The OpenAPI document as published: each operation lists exactly the statuses it can answer.
//!
//! Every handler returns `Result<_, ApiError>`, so poem-openapi lists every error status on
//! every operation. The statuses an operation can really answer follow from its shape (a body
//! can be malformed or too large, a path id can name nothing, `If-Match` can be stale) and from
//! two facts written down here: which operations check a role beyond object-level access, and
//! which can collide with the claim's state or with a record already on file. It runs after
//! the `Idempotency-Key` header is documented, as a key brings its own 409 and 422. The access-matrix
//! test checks that every status it observes is one the document lists.

use serde_json::{Map, Value, json};

/// Operations that check only the caller's sign-in and object-level access: a claim one may
/// not see is 404, never 403.
const SCOPE_ONLY: &[(&str, &str)] = &[
    ("post", "/api/v1/auth/logout"),
    ("get", "/api/v1/me"),
    ("get", "/api/v1/claims"),
    ("get", "/api/v1/claims/{id}"),
    ("get", "/api/v1/claims/{id}/actions"),
    ("get", "/api/v1/claims/{id}/events"),
    ("get", "/api/v1/claims/{id}/documents"),
    ("get", "/api/v1/documents/{id}/content"),
    ("get", "/api/v1/claims/{id}/evidence-requests"),
    ("get", "/api/v1/claims/{id}/assignments"),
    ("get", "/api/v1/jurisdictions"),
    ("get", "/api/v1/jurisdictions/{id}"),
    ("post", "/api/v1/awards/preview"),
    ("get", "/api/v1/claims/{id}/decisions"),
    ("get", "/api/v1/claims/{id}/decisions/{file}"),
    ("get", "/api/v1/claims/{id}/letters"),
    ("get", "/api/v1/claims/{id}/letters/{file}"),
    // A user's own notifications; another's is not found.
    ("get", "/api/v1/notifications"),
    ("post", "/api/v1/notifications/{id}/read"),
    ("post", "/api/v1/notifications/read-all"),
];

/// Reads whose query can name something the resource does not have (a language a decision is
/// not issued in).
const QUERY_REFUSED: &[(&str, &str)] = &[
    ("get", "/api/v1/claims/{id}/decisions/{file}"),
    ("get", "/api/v1/claims/{id}/letters/{file}"),
    // A period that ends before it starts; a batch file without the payer's account set up.
    ("get", "/api/v1/reports/payments"),
    ("get", "/api/v1/payment-batches/{id}/export"),
    // A period that ends before it starts; a dimension statistics do not group by.
    ("get", "/api/v1/reports/statistics"),
];

/// Operations that change a claim (its state or version may have moved on) or add a record
/// that may already be on file.
const MAY_CONFLICT: &[(&str, &str)] = &[
    ("patch", "/api/v1/claims/{id}"),
    ("post", "/api/v1/claims/{id}/actions/{action}"),
    ("post", "/api/v1/claims/{id}/votes"),
    ("post", "/api/v1/claims/{id}/recusals"),
    ("put", "/api/v1/claims/{id}/assessment"),
    ("post", "/api/v1/claims/{id}/interim-awards"),
    ("post", "/api/v1/claims/{id}/recoveries"),
    ("post", "/api/v1/claims/{id}/filing-extension"),
    ("post", "/api/v1/claims/{id}/documents"),
    ("post", "/api/v1/claims/{id}/evidence-requests"),
    ("post", "/api/v1/claims/{id}/assignments"),
    ("post", "/api/v1/users"),
    ("post", "/api/v1/claims/{id}/payment-orders"),
    ("post", "/api/v1/payment-orders/{id}/approve"),
    ("post", "/api/v1/payment-orders/{id}/cancel"),
    ("post", "/api/v1/payment-batches"),
    ("post", "/api/v1/payment-batches/{id}/confirmations"),
    ("post", "/api/v1/payment-batches/{id}/statement"),
];

/// Only sign-in is throttled.
const THROTTLED: &[(&str, &str)] = &[("post", "/api/v1/auth/login")];

/// The error statuses an operation can answer, from its shape and the tables above.
fn error_statuses(method: &str, path: &str, operation: &Value) -> Vec<u16> {
    let key = (method, path);
    let parameters = operation["parameters"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let has_parameter = |place: &str, name: Option<&str>| {
        parameters.iter().any(|parameter| {
            parameter["in"] == place && name.is_none_or(|name| parameter["name"] == name)
        })
    };
    let body = operation.get("requestBody");
    let multipart = body.is_some_and(|body| body["content"].get("multipart/form-data").is_some());
    let secured = operation.get("security").is_some();
    // A key in use by a request still running is 409; one reused with another body, 422.
    let keyed = has_parameter("header", Some("Idempotency-Key"));
    let rules = [
        (400, body.is_some() || !parameters.is_empty()),
        (401, secured || key == ("post", "/api/v1/auth/login")),
        (403, secured && !SCOPE_ONLY.contains(&key)),
        (
            404,
            has_parameter("path", Some("id")) || has_parameter("path", Some("code")),
        ),
        (409, MAY_CONFLICT.contains(&key) || keyed),
        (411, multipart),
        (412, has_parameter("header", Some("If-Match"))),
        (413, body.is_some()),
        (415, body.is_some()),
        (422, body.is_some() || keyed || QUERY_REFUSED.contains(&key)),
        (429, THROTTLED.contains(&key)),
        (500, true),
    ];
    rules
        .into_iter()
        .filter(|(_, applies)| *applies)
        .map(|(status, _)| status)
        .collect()
}

/// Descriptions of the statuses poem-openapi does not know about (they come from middleware and
/// from poem's body parsing).
fn added_status_description(status: u16) -> Option<&'static str> {
    match status {
        401 => Some("The username or password is wrong, or the account is inactive."),
        411 => Some("An upload must declare its Content-Length."),
        413 => Some("The request body is larger than the server accepts."),
        415 => Some("The body's Content-Type is not the one this operation takes."),
        _ => None,
    }
}

/// Keeps on each operation its successes and the errors it can answer, adding the ones that
/// come from outside the handlers (401 on sign-in, 411, 413, 415) with the problem+json schema.
pub fn list_exact_statuses(spec: &mut Value) {
    let problem =
        json!({"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}});
    let Some(paths) = spec["paths"].as_object_mut() else {
        return;
    };
    for (path, operations) in paths.iter_mut() {
        let Some(operations) = operations.as_object_mut() else {
            continue;
        };
        for (method, operation) in operations.iter_mut() {
            let statuses = error_statuses(method, path, operation);
            let Some(responses) = operation["responses"].as_object_mut() else {
                continue;
            };
            responses.retain(|status, _| {
                status.starts_with('2')
                    || status
                        .parse::<u16>()
                        .is_ok_and(|status| statuses.contains(&status))
            });
            for status in &statuses {
                let Some(description) = added_status_description(*status) else {
                    continue;
                };
                let mut response = Map::new();
                response.insert("description".into(), description.into());
                response.insert("content".into(), problem.clone());
                responses
                    .entry(status.to_string())
                    .or_insert(Value::Object(response));
            }
            sort_by_status(responses);
        }
    }
}

fn sort_by_status(responses: &mut Map<String, Value>) {
    let mut entries: Vec<(String, Value)> = std::mem::take(responses).into_iter().collect();
    entries.sort_by(|(left, _), (right, _)| left.cmp(right));
    responses.extend(entries);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statuses(spec: &Value, method: &str, path: &str) -> Vec<String> {
        spec["paths"][path][method]["responses"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    }

    #[test]
    fn a_read_by_scope_answers_only_what_it_can() {
        let every = [
            "200", "400", "401", "403", "404", "409", "412", "422", "429", "500", "503",
        ];
        let responses: Map<String, Value> = every
            .iter()
            .map(|status| (status.to_string(), json!({"description": status})))
            .collect();
        let operation = json!({
            "parameters": [{"in": "path", "name": "id"}],
            "security": [{"BearerAuth": []}],
            "responses": responses,
        });
        let mut spec = json!({"paths": {"/api/v1/claims/{id}": {"get": operation.clone()}}});
        list_exact_statuses(&mut spec);
        assert_eq!(
            statuses(&spec, "get", "/api/v1/claims/{id}"),
            ["200", "400", "401", "404", "500"]
        );
        let mut change = operation;
        change["parameters"]
            .as_array_mut()
            .unwrap()
            .push(json!({"in": "header", "name": "If-Match"}));
        change["requestBody"] = json!({"content": {"application/json": {}}});
        let mut spec = json!({"paths": {"/api/v1/claims/{id}": {"patch": change}}});
        list_exact_statuses(&mut spec);
        assert_eq!(
            statuses(&spec, "patch", "/api/v1/claims/{id}"),
            [
                "200", "400", "401", "403", "404", "409", "412", "413", "415", "422", "500"
            ]
        );
    }
}
