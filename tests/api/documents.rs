//! Documents: uploaded by content type, hashed, deduplicated, downloadable by those who may see
//! the claim.

use redress::domain::Role;
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{TestApp, UPLOAD_BYTES_MAXIMUM, User, on_both_databases, pdf, problem};

on_both_databases!(
    a_lawyer_uploads_a_power_of_attorney_and_then_submits,
    a_file_that_is_not_a_pdf_jpeg_or_png_is_refused_whatever_its_name,
    the_same_file_twice_on_a_claim_is_a_duplicate,
    a_file_over_the_limit_is_refused,
    an_upload_declaring_more_than_the_limit_is_refused_before_it_is_sent,
    an_upload_of_unknown_length_is_refused,
    only_those_who_may_see_the_claim_may_download_its_documents,
);

/// How many documents are on file for the claim.
pub async fn document_count(app: &TestApp, user: &User, claim: i64) -> usize {
    let listed: Value = app
        .get(user, &format!("/api/v1/claims/{claim}/documents"))
        .await
        .json()
        .await
        .unwrap();
    listed.as_array().unwrap().len()
}

async fn a_lawyer_uploads_a_power_of_attorney_and_then_submits(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let claim = app.draft(&lawyer).await;
    let response = app
        .upload(&lawyer, claim, "power_of_attorney", "poa.pdf", pdf("one"))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let document: Value = response.json().await.unwrap();
    assert_eq!(document["media_type"], "application/pdf");
    assert_eq!(document["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(
        app.act_ok(&lawyer, claim, "submit", None).await["state"],
        "submitted"
    );
}

async fn a_file_that_is_not_a_pdf_jpeg_or_png_is_refused_whatever_its_name(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let claim = app.draft(&lawyer).await;
    let response = app
        .upload(
            &lawyer,
            claim,
            "medical_report",
            "report.pdf",
            b"plain text".to_vec(),
        )
        .await;
    let error = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error["errors"][0]["field"], "file");
    let unknown_kind = app
        .upload(&lawyer, claim, "diary", "report.pdf", pdf("two"))
        .await;
    assert_eq!(
        problem(unknown_kind, StatusCode::UNPROCESSABLE_ENTITY).await["errors"][0]["field"],
        "kind"
    );
}

async fn the_same_file_twice_on_a_claim_is_a_duplicate(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let claim = app.draft(&lawyer).await;
    assert_eq!(
        app.upload(&lawyer, claim, "police_report", "a.pdf", pdf("same"))
            .await
            .status(),
        StatusCode::CREATED
    );
    let again = app
        .upload(&lawyer, claim, "police_report", "b.pdf", pdf("same"))
        .await;
    assert_eq!(
        problem(again, StatusCode::CONFLICT).await["code"],
        "duplicate"
    );
    assert_eq!(document_count(&app, &lawyer, claim).await, 1);
}

/// Sends only the head of a multipart upload with `length_header` and returns the status line
/// the server answers with, without a byte of the body.
async fn answer_to_upload_head(
    app: &TestApp,
    user: &User,
    claim: i64,
    length_header: &str,
) -> String {
    use std::io::{Read, Write};
    let address = app.address;
    let head = format!(
        "POST /api/v1/claims/{claim}/documents HTTP/1.1\r\nHost: localhost\r\n\
         Authorization: Bearer {}\r\nContent-Type: multipart/form-data; boundary=b\r\n\
         {length_header}\r\n\r\n",
        user.token
    );
    tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        stream.write_all(head.as_bytes()).unwrap();
        let mut answer = [0u8; 256];
        let read = stream.read(&mut answer).unwrap();
        let answer = String::from_utf8_lossy(&answer[..read]).into_owned();
        answer.lines().next().unwrap_or_default().to_owned()
    })
    .await
    .unwrap()
}

async fn an_upload_declaring_more_than_the_limit_is_refused_before_it_is_sent(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let claim = app.draft(&lawyer).await;
    let status = answer_to_upload_head(&app, &lawyer, claim, "Content-Length: 10000000000").await;
    assert_eq!(status, "HTTP/1.1 413 Payload Too Large");
}

async fn an_upload_of_unknown_length_is_refused(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let claim = app.draft(&lawyer).await;
    let status = answer_to_upload_head(&app, &lawyer, claim, "Transfer-Encoding: chunked").await;
    assert_eq!(status, "HTTP/1.1 411 Length Required");
}

async fn a_file_over_the_limit_is_refused(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let claim = app.draft(&lawyer).await;
    let mut large = pdf("large");
    large.resize(UPLOAD_BYTES_MAXIMUM + 1, b' ');
    let error = problem(
        app.upload(&lawyer, claim, "receipt", "big.pdf", large)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error["errors"][0]["field"], "file");
}

async fn only_those_who_may_see_the_claim_may_download_its_documents(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let other = app.user("other-lawyer", &[Role::Lawyer]).await;
    let claim = app.draft(&lawyer).await;
    let uploaded: Value = app
        .upload(&lawyer, claim, "police_report", "p.pdf", pdf("mine"))
        .await
        .json()
        .await
        .unwrap();
    let path = format!("/api/v1/documents/{}/content", uploaded["id"]);
    let download = app.get(&lawyer, &path).await;
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.bytes().await.unwrap().to_vec(), pdf("mine"));
    assert_eq!(
        problem(app.get(&other, &path).await, StatusCode::NOT_FOUND).await["code"],
        "not_found"
    );
}
