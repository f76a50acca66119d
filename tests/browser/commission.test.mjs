// The commission's flow as its members live it, on the demo's claim before the commission:
// two members vote (one in Albanian, one in English without JavaScript), the third recuses,
// the chair votes, reads the decision's preview, closes the vote, issues the decision and
// downloads its PDF. Every page visited passes axe-core.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

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

/// A step that waits longer than this has failed.
const ACTION_TIMEOUT_MS = 20_000;

/// Signs `username` in and opens the first claim on their agenda; resolves with the page and
/// the claim page's path.
async function openClaimFromAgenda(username, options = {}) {
  const page = await openPage(browser, options);
  page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  await signIn(page, server, username);
  assert.equal(new URL(page.url()).pathname, "/commission/agenda");
  const claimLink = page.locator("table.govuk-table tbody a").first();
  const path = await claimLink.getAttribute("href");
  await Promise.all([page.waitForURL((url) => url.pathname === path), claimLink.click()]);
  return { page, path };
}

/// axe-core cannot run where JavaScript is off: the page's address is checked in a context
/// with JavaScript and the same cookies (the same session) instead.
async function assertAccessibleWithJavaScript(page, label) {
  const state = await page.context().storageState();
  const checking = await openPage(browser);
  await checking.context().addCookies(state.cookies);
  await checking.goto(page.url());
  await assertAccessible(checking, label);
  await checking.context().close();
}

test("three members vote, one recuses, and the chair issues the decision", async () => {
  // A member votes in Albanian, the UI's default language.
  const first = await openClaimFromAgenda("commissioner-1");
  await first.page.goto(`${server.url}/commission/agenda`);
  assert.equal(await first.page.getAttribute("html", "lang"), "sq");
  await assertAccessible(first.page, "the agenda in Albanian");
  await screenshot(first.page, "commission-agenda-sq");
  await first.page.goto(`${server.url}${first.path}`);
  assert.match(await first.page.locator("h1").innerText(), /^Kërkesa /);
  assert.ok(
    (await first.page.locator(".govuk-summary-list").first().innerText()).includes("S. A."),
    "a member sees the protected identity as initials",
  );
  await assertAccessible(first.page, "the claim in Albanian");
  await screenshot(first.page, "commission-claim-sq");
  await first.page.getByLabel("Miratoj kompensimin e propozuar").check();
  await Promise.all([
    first.page.waitForLoadState("load"),
    first.page.getByRole("button", { name: "Jepni votën" }).click(),
  ]);
  assert.equal(new URL(first.page.url()).pathname, first.path);
  assert.ok(await first.page.getByText("Ka votuar").first().isVisible());
  await assertAccessible(first.page, "the claim after the vote");
  await first.page.context().close();

  // Another votes in English, first forgetting the amount.
  const second = await openClaimFromAgenda("commissioner-2");
  await second.page.goto(`${server.url}${second.path}?lang=en`);
  await second.page.getByLabel("Approve a different amount").check();
  await second.page.getByRole("button", { name: "Cast your vote" }).click();
  const summary = second.page.locator(".govuk-error-summary");
  await summary.waitFor();
  assert.equal(await summary.locator("a").getAttribute("href"), "#amended_amount");
  await assertAccessible(second.page, "the vote form with an error");
  await second.page.getByLabel("Amount you approve, in euros").fill("4000.00");
  await Promise.all([
    second.page.waitForURL((url) => url.pathname === second.path),
    second.page.getByRole("button", { name: "Cast your vote" }).click(),
  ]);
  assert.ok(await second.page.getByText("Approve, amended to €4,000.00").isVisible());
  await assertAccessible(second.page, "the claim after an amended vote");
  await second.page.context().close();

  // The third has a conflict of interest and recuses, with JavaScript off: the details
  // element and the form need none.
  const third = await openClaimFromAgenda("commissioner-3", { javaScript: false });
  await third.page.goto(`${server.url}${third.path}?lang=en`);
  await third.page.getByText("I have a conflict of interest in this claim").click();
  await Promise.all([
    third.page.waitForURL((url) => url.pathname === "/commission/agenda"),
    third.page.getByRole("button", { name: "Recuse myself from this claim" }).click(),
  ]);
  assert.ok(await third.page.getByText("You recused yourself").isVisible());
  assert.equal(await third.page.locator(`a[href='${third.path}']`).count(), 0);
  await assertAccessibleWithJavaScript(third.page, "the agenda after a recusal");
  await third.page.context().close();

  // The chair votes, previews, closes the vote and issues the decision, in Albanian.
  const chair = await openClaimFromAgenda("chair");
  const { page } = chair;
  assert.ok(
    (await page.locator(".govuk-summary-list").first().innerText()).includes("Synthetic Applicant"),
    "the chair sees the protected identity in full",
  );
  await page.getByLabel("Miratoj kompensimin e propozuar").check();
  await Promise.all([
    page.waitForLoadState("load"),
    page.getByRole("button", { name: "Jepni votën" }).click(),
  ]);
  assert.ok(await page.getByText("3 nga 3 vota të nevojshme").isVisible());
  await assertAccessible(page, "the ballot at quorum");
  await screenshot(page, "commission-claim-chair-sq");
  await Promise.all([
    page.waitForURL(/\/decide$/),
    page.getByRole("button", { name: "Mbyllni votimin dhe nxirrni vendimin" }).click(),
  ]);
  await assertAccessible(page, "the decision's confirmation");
  await screenshot(page, "commission-decide-sq");
  const previewHref = await page
    .getByRole("link", { name: /Hapni parapamjen e vendimit/ })
    .getAttribute("href");
  const preview = await page.request.get(`${server.url}${previewHref}`);
  assert.equal(preview.status(), 200);
  assert.equal(preview.headers()["content-type"], "application/pdf");
  assert.equal((await preview.body()).subarray(0, 4).toString(), "%PDF");

  await page.getByLabel(/E kam lexuar parapamjen/).check();
  await Promise.all([
    page.waitForURL(/\/decision$/),
    page.getByRole("button", { name: "Nxirrni vendimin" }).click(),
  ]);
  assert.equal((await page.locator(".govuk-panel__title").innerText()).trim(), "Vendimi u nxor");
  await assertAccessible(page, "the decision issued");
  await screenshot(page, "commission-decision-sq");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Shkarkoni vendimin (PDF)" }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^decision-[A-Z]+-\d{4}-\d+-1\.pdf$/);
  const bytes = readFileSync(await download.path());
  assert.equal(bytes.subarray(0, 4).toString(), "%PDF");
  await page.context().close();
});
