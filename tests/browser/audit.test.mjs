// The auditor's pages and the statistics page, driven as their readers would: the auditor finds a
// demo claim, reads its timeline, checks the audit chains and opens the statistics; the
// secretariat reads the statistics in Serbian; the charts run under the real
// Content-Security-Policy.

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

/// Clicks what `locator` finds and waits for the page it leads to.
async function follow(page, locator) {
  await Promise.all([page.waitForLoadState("load"), locator.click()]);
}

test("the auditor finds a demo claim and reads its timeline and access log", async () => {
  const page = await openPage(browser, { locale: "en-GB" });
  await signIn(page, server, "auditor");
  assert.equal(new URL(page.url()).pathname, "/audit");
  await page.goto(`${server.url}/audit?lang=en`);
  await assertAccessible(page, "the audit page");
  await screenshot(page, "audit-home");

  await page.getByLabel("Reference, or part of it").fill("2026");
  await follow(page, page.getByRole("button", { name: "Find" }));
  const results = page.getByRole("table", { name: /Claims whose reference contains 2026/ });
  const firstClaim = results.getByRole("link").first();
  const reference = await firstClaim.textContent();
  await assertAccessible(page, "the search results");
  await screenshot(page, "audit-search-results");

  await follow(page, firstClaim);
  assert.match(page.url(), /\/audit\/claims\/\d+$/);
  assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), `Claim ${reference}`);
  const timeline = page.getByRole("table", { name: "Audit trail, oldest event first" });
  assert.ok((await timeline.getByRole("row").count()) > 1, "at least one event");
  assert.equal(
    await timeline.getByRole("rowheader").first().textContent(),
    "Claim created",
    "the first event creates the claim",
  );
  await page.getByRole("heading", { name: "Who read the protected identity" }).waitFor();
  await assertAccessible(page, "a claim's timeline");
  await screenshot(page, "audit-claim-timeline");
  await page.context().close();
});

test("a malformed reference is named in an error summary that links to the field", async () => {
  const page = await openPage(browser, { locale: "en-GB" });
  await signIn(page, server, "auditor");
  await page.goto(`${server.url}/audit?lang=en`);
  await page.getByLabel("Reference, or part of it").fill("KS 2026!");
  await follow(page, page.getByRole("button", { name: "Find" }));
  const summary = page.locator(".govuk-error-summary");
  await summary.waitFor();
  assert.equal(await summary.locator("a[href='#reference']").count(), 1);
  await assertAccessible(page, "the search with an error");
  await screenshot(page, "audit-search-error");
  await page.context().close();
});

test("the auditor checks the audit chains and they hold", async () => {
  const page = await openPage(browser, { locale: "en-GB" });
  await signIn(page, server, "auditor");
  await page.goto(`${server.url}/audit?lang=en`);
  await follow(page, page.getByRole("button", { name: "Check the audit chains" }));
  assert.equal(new URL(page.url()).pathname, "/audit/verification");
  await page.getByText("The audit chains hold").waitFor();
  assert.match(await page.locator("main").textContent(), /Events checked: [1-9]\d*/);
  await assertAccessible(page, "the verification");
  await screenshot(page, "audit-verification");
  await page.context().close();
});

test("the auditor reads the statistics as tables and charts", async () => {
  const page = await openPage(browser, { locale: "en-GB" });
  await signIn(page, server, "auditor");
  await page.goto(`${server.url}/audit?lang=en`);
  await follow(page, page.getByRole("link", { name: "Statistics" }));
  assert.equal(new URL(page.url()).pathname, "/statistics");
  await page.getByRole("table", { name: "Claims and outcomes" }).waitFor();
  await page.getByRole("table", { name: "Amounts and times" }).waitFor();
  await page.getByRole("img", { name: "Claims lodged, by group" }).waitFor();
  await page.getByRole("img", { name: "Decisions, by group" }).waitFor();
  await assertAccessible(page, "the statistics as the auditor");
  await screenshot(page, "audit-statistics-auditor");

  await page.getByLabel("Group by").selectOption("gender");
  await follow(page, page.getByRole("button", { name: "Show" }));
  assert.match(page.url(), /group_by=gender/);
  await page.getByRole("columnheader", { name: "Victim's gender" }).first().waitFor();
  await assertAccessible(page, "the statistics by gender");
  await page.context().close();
});

test("the secretariat reads the statistics in Serbian", async () => {
  const page = await openPage(browser);
  await signIn(page, server, "secretariat");
  await page.goto(`${server.url}/statistics?lang=sr-Cyrl`);
  assert.equal(await page.getAttribute("html", "lang"), "sr-Cyrl");
  await page.getByRole("table", { name: "Захтеви и исходи" }).waitFor();
  await page.getByRole("img", { name: "Поднети захтеви, по групама" }).waitFor();
  await assertAccessible(page, "the statistics in Serbian");
  await screenshot(page, "audit-statistics-secretariat-sr-Cyrl");

  await page.getByLabel("Од", { exact: true }).fill("31.12.2026");
  await follow(page, page.getByRole("button", { name: "Прикажи" }));
  await page.locator(".govuk-error-summary a[href='#from']").waitFor();
  await assertAccessible(page, "the statistics with an error in Serbian");
  await page.context().close();
});

test("the statistics and audit pages run under the Content-Security-Policy without a violation", async () => {
  // No bypassCSP here: this context enforces the policy the server sends.
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  const violations = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`${server.url}/sign-in?lang=en`);
  await page.fill("#username", "auditor");
  await page.fill("#password", server.passwords.get("auditor"));
  await Promise.all([page.waitForURL(/\/audit$/), page.click("form[action='/sign-in'] button")]);
  await page.goto(`${server.url}/statistics`);
  await page.getByRole("img", { name: "Claims lodged, by group" }).waitFor();
  const bars = await page.locator("svg[role='img'] rect").count();
  assert.ok(bars > 0, "the charts are drawn");
  await page.goto(`${server.url}/audit/verification`);
  await page.goto(`${server.url}/audit?reference=2026`);
  assert.deepEqual(violations, []);
  await context.close();
});
