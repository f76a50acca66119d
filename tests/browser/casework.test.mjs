// The secretariat's casework as a case officer does it: open a submitted claim from the queue,
// request evidence, accept it once the lawyer has uploaded it (the lawyer's part over the REST
// API, as their client would), record the assessment after previewing the award in Serbian, and
// put the claim before the commission. axe-core checks every page visited.

import { test } from "node:test";
import assert from "node:assert/strict";

import {
  assertAccessible,
  openPage,
  screenshot,
  signIn,
  serverAndBrowserForThisFile,
} from "./harness.mjs";

let server;
let browser;
serverAndBrowserForThisFile((started) => ({ server, browser } = started));

/// The lawyer's bearer token, from the API's sign-in.
async function lawyerToken() {
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "lawyer", password: server.passwords.get("lawyer") }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()).token;
}

/// The lawyer uploads a (synthetic) police report in answer to the claim's evidence request.
async function uploadPoliceReport(token, claimId) {
  const headers = { authorization: `Bearer ${token}` };
  const requests = await (
    await fetch(`${server.url}/api/v1/claims/${claimId}/evidence-requests`, { headers })
  ).json();
  const item = requests[0].items.find((candidate) => candidate.kind === "police_report");
  const form = new FormData();
  form.append("kind", "police_report");
  form.append("request_item", String(item.id));
  const pdf = "%PDF-1.7\n% synthetic police report for the browser test\n%%EOF\n";
  form.append("file", new Blob([pdf], { type: "application/pdf" }), "police-report.pdf");
  const response = await fetch(`${server.url}/api/v1/claims/${claimId}/documents`, {
    method: "POST",
    headers,
    body: form,
  });
  assert.equal(response.status, 201, await response.clone().text());
}

async function claimState(token, claimId) {
  const response = await fetch(`${server.url}/api/v1/claims/${claimId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return (await response.json()).state;
}

/// Clicks and waits for the page the click leads to.
async function follow(page, locator) {
  await Promise.all([page.waitForLoadState("load"), locator.click()]);
}

test("the secretariat takes a submitted claim from evidence to the commission", async () => {
  const page = await openPage(browser);
  await signIn(page, server, "secretariat");
  await page.goto(`${server.url}/secretariat/queue?state=submitted&lang=en`);
  await follow(page, page.locator("table.govuk-table a.govuk-link").first());
  const casePath = new URL(page.url()).pathname;
  const claimId = Number(casePath.split("/").pop());
  assert.match(casePath, /^\/casework\/claims\/\d+$/);
  await assertAccessible(page, "the case page");
  await screenshot(page, "casework-case-submitted-en");

  // Evidence: first with nothing chosen (named in the error summary), then as meant.
  await follow(page, page.getByRole("link", { name: "Request evidence" }));
  await assertAccessible(page, "the evidence request form");
  await follow(page, page.getByRole("button", { name: "Request evidence" }));
  const summary = page.locator(".govuk-error-summary");
  assert.match(await summary.innerText(), /Select at least one document/);
  await assertAccessible(page, "the evidence request form with an error");
  await page.getByLabel("Police report").check();
  const due = new Date(Date.now() + 20 * 24 * 60 * 60 * 1000);
  await page.getByLabel("Day").fill(String(due.getUTCDate()));
  await page.getByLabel("Month").fill(String(due.getUTCMonth() + 1));
  await page.getByLabel("Year").fill(String(due.getUTCFullYear()));
  await follow(page, page.getByRole("button", { name: "Request evidence" }));
  assert.equal(new URL(page.url()).pathname, casePath);
  assert.match(await page.locator(".govuk-notification-banner").innerText(), /Request evidence/);
  assert.match(await page.locator("main").innerText(), /Outstanding/);
  await assertAccessible(page, "the case page awaiting evidence");

  const token = await lawyerToken();
  await uploadPoliceReport(token, claimId);
  await page.reload();
  assert.match(await page.locator("main").innerText(), /Received/);
  await follow(page, page.getByRole("button", { name: "Accept the evidence" }));
  assert.equal(await claimState(token, claimId), "under_assessment");
  await assertAccessible(page, "the case page under assessment");

  // The assessment, in Serbian: preview the award line by line, then record it.
  await page.goto(`${server.url}${casePath}?lang=sr-Cyrl`);
  assert.equal(await page.getAttribute("html", "lang"), "sr-Cyrl");
  await follow(page, page.getByRole("link", { name: "Евидентирај процену" }));
  await assertAccessible(page, "the assessment form in Serbian");
  await page.getByLabel("Трошкови лечења и болничког смештаја").fill("4245.00");
  await follow(page, page.getByRole("button", { name: "Прегледај накнаду" }));
  const preview = page.locator("#preview");
  assert.match(await preview.innerText(), /4\.245,00\s€/);
  await assertAccessible(page, "the award preview in Serbian");
  await screenshot(page, "casework-assessment-preview-sr-Cyrl");
  await follow(page, page.getByRole("button", { name: "Евидентирај процену" }));
  assert.equal(new URL(page.url()).pathname, casePath);
  await assertAccessible(page, "the case page with the assessment");

  await follow(page, page.getByRole("button", { name: "Изнеси пред комисију" }));
  assert.equal(await claimState(token, claimId), "in_commission_review");
  assert.match(await page.locator(".govuk-notification-banner").innerText(), /Изнеси пред комисију/);
  await assertAccessible(page, "the case page before the commission");
  await screenshot(page, "casework-case-in-review-sr-Cyrl");
  await page.context().close();
});

test("the case page works without JavaScript", async () => {
  const page = await openPage(browser, { javaScript: false });
  await signIn(page, server, "secretariat");
  await page.goto(`${server.url}/secretariat/queue?lang=sq`);
  await follow(page, page.locator("table.govuk-table a.govuk-link").first());
  assert.match(new URL(page.url()).pathname, /^\/casework\/claims\/\d+$/);
  assert.match(await page.locator("h1").innerText(), /\S/);
  await page.context().close();
});
