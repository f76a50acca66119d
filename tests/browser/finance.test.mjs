// Paying an award as finance does it, partly in Serbian: the officer starts the payout and
// prepares an order, is told in words why they cannot approve it themselves (four eyes), the
// approver approves it, the officer puts it into a batch and downloads the pain.001 file, the
// approver uploads the bank's statement, and the payments report shows the payment.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

import {
  assertAccessible,
  openPage,
  screenshot,
  signIn,
  signOut,
  serverAndBrowserForThisFile,
} from "./harness.mjs";

let server;
let browser;
serverAndBrowserForThisFile((started) => ({ server, browser } = started));

/// A bearer token for a demo account, as an API client signs in.
async function token(username) {
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: server.passwords.get(username) }),
  });
  assert.equal(response.status, 200, `${username} signs in to the API`);
  return (await response.json()).token;
}

/// The demo's decided claim made final over the REST API (the secretariat waives the appeal
/// window), as the secretariat's own pages are not part of this suite; its reference.
async function makeTheDecidedClaimFinal() {
  const bearer = { authorization: `Bearer ${await token("secretariat")}` };
  const listed = await fetch(`${server.url}/api/v1/claims?state=decided`, { headers: bearer });
  const claim = (await listed.json()).items[0];
  assert.ok(claim, "the demo has a decided claim");
  const finalized = await fetch(`${server.url}/api/v1/claims/${claim.id}/actions/finalize`, {
    method: "POST",
    headers: { ...bearer, "content-type": "application/json" },
    body: JSON.stringify({ appeal_waived: true }),
  });
  assert.equal(finalized.status, 200, await finalized.text());
  return claim.reference;
}

/// A date `days` from today (UTC) as the three fields of a GOV.UK date input.
function dateParts(days) {
  const date = new Date(Date.now() + days * 24 * 3600 * 1000);
  return [String(date.getUTCDate()), String(date.getUTCMonth() + 1), String(date.getUTCFullYear())];
}

async function fillDate(page, name, days) {
  const [day, month, year] = dateParts(days);
  await page.fill(`#${name}_day`, day);
  await page.fill(`#${name}_month`, month);
  await page.fill(`#${name}_year`, year);
}

async function clickAndLoad(page, locator) {
  await Promise.all([page.waitForLoadState("load"), locator.click()]);
}

test("an award is paid through four eyes, a batch and the bank's statement, partly in Serbian", async () => {
  const reference = await makeTheDecidedClaimFinal();
  const page = await openPage(browser);

  // The officer, in Serbian: start the payout and prepare an order.
  await page.goto(`${server.url}/sign-in?lang=sr-Cyrl`);
  await signIn(page, server, "finance-officer");
  assert.equal(new URL(page.url()).pathname, "/finance/payments");
  assert.equal(await page.getAttribute("html", "lang"), "sr-Cyrl");
  await assertAccessible(page, "payments in Serbian");
  await screenshot(page, "finance-payments-sr-Cyrl");
  await clickAndLoad(page, page.getByRole("button", { name: `Започни исплату ${reference}` }));
  await page.getByText("Исплата је започета").waitFor();
  await clickAndLoad(page, page.getByRole("link", { name: `Припреми налог за плаћање ${reference}` }));
  await assertAccessible(page, "the order form in Serbian");
  await page.getByLabel("Подносиоцу захтева").check();
  await page.getByLabel("Име власника рачуна").fill("Synthetic Applicant");
  await page.getByLabel("IBAN").fill("XK05 1212 0123 4567 8906");
  await page.getByLabel("Износ").fill("4245,00");
  await screenshot(page, "finance-prepare-sr-Cyrl");
  await clickAndLoad(page, page.getByRole("button", { name: "Припреми налог" }));
  await page.getByText("Налог за плаћање је припремљен").waitFor();
  assert.ok(await page.getByText("4.245,00").first().isVisible(), "money as Serbian writes it");

  // The officer cannot approve their own order: no Approve button, and the page says why.
  await page.getByText("Ви сте припремили овај налог").waitFor();
  assert.equal(await page.getByRole("button", { name: /^Одобри / }).count(), 0);
  await screenshot(page, "finance-four-eyes-sr-Cyrl");
  await signOut(page);

  // The approver, in English, approves it.
  await page.goto(`${server.url}/sign-in?lang=en`);
  await signIn(page, server, "finance-approver");
  await assertAccessible(page, "payments in English");
  await clickAndLoad(page, page.getByRole("button", { name: /^Approve REDRESS-O/ }));
  await page.getByText("The payment order was approved.").waitFor();
  await screenshot(page, "finance-approved-en");
  await signOut(page);

  // The officer puts it into a batch and downloads the pain.001 file.
  await signIn(page, server, "finance-officer");
  await page.goto(`${server.url}/finance/payments?state=approved`);
  await clickAndLoad(page, page.getByRole("button", { name: "Put approved orders into a batch for the bank" }));
  await assertAccessible(page, "the batch form");
  await page.getByLabel("EUR").check();
  await fillDate(page, "requested_execution_date", 7);
  await clickAndLoad(page, page.getByRole("button", { name: "Create the batch" }));
  await page.getByText("The batch was created.").waitFor();
  await assertAccessible(page, "the batch");
  await screenshot(page, "finance-batch-en");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /pain\.001 XML/ }).click(),
  ]);
  const xml = await readFile(await download.path(), "utf8");
  assert.ok(xml.startsWith("<?xml"), xml.slice(0, 80));
  assert.match(xml, /pain\.001\.001\.09/);
  const batchPath = new URL(page.url()).pathname;
  const endToEndId = (await page.locator("tbody th").first().innerText()).split("\n")[0].trim();
  await signOut(page);

  // The approver uploads the bank's statement; the payments report shows the payment.
  await signIn(page, server, "finance-approver");
  await page.goto(`${server.url}${batchPath}`);
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("The bank’s statement (CSV file)").setInputFiles({
    name: "statement.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      `end_to_end_id,status,bank_reference,date,reason\r\n${endToEndId},paid,BANK-1,${today},\r\n`,
    ),
  });
  await clickAndLoad(page, page.getByRole("button", { name: "Upload and record" }));
  await page.getByText("Confirmations recorded now: 1.").waitFor();
  await assertAccessible(page, "the batch after the statement");
  await page.goto(`${server.url}/finance/reports/payments`);
  await fillDate(page, "from", -30);
  await fillDate(page, "to", 0);
  await clickAndLoad(page, page.getByRole("button", { name: "Show the report" }));
  await page.getByRole("cell", { name: "€4,245.00" }).waitFor();
  await assertAccessible(page, "the payments report");
  await screenshot(page, "finance-report-en");
  await page.context().close();
});

test("the finance pages work with JavaScript turned off and refuse other roles", async () => {
  const page = await openPage(browser, { javaScript: false });
  await signIn(page, server, "lawyer");
  const refused = await page.goto(`${server.url}/finance/payments`);
  assert.equal(refused.status(), 403);
  await signOut(page);
  await signIn(page, server, "finance-approver");
  assert.equal(new URL(page.url()).pathname, "/finance/payments");
  const report = await page.goto(`${server.url}/finance/reports/payments?lang=sq`);
  assert.equal(report.status(), 200);
  assert.equal(await page.getAttribute("html", "lang"), "sq");
  await page.getByRole("heading", { name: "Raporti i pagesave" }).waitFor();
  await page.context().close();
});
