// Signing in: in each language, with a wrong password, without JavaScript, by keyboard alone,
// and under the real Content-Security-Policy.

import { test } from "node:test";
import assert from "node:assert/strict";

import {
  assertAccessible,
  openPage,
  screenshot,
  signIn,
  signOut,
  serverAndBrowserForThisFile,
  tabTo,
} from "./harness.mjs";

const shared = serverAndBrowserForThisFile();

for (const language of ["sq", "sr-Cyrl", "en"]) {
  test(`the lawyer and the secretariat reach their pages in ${language}`, async () => {
    const { server, browser } = shared;
    const page = await openPage(browser);
    await page.goto(`${server.url}/sign-in?lang=${language}`);
    assert.equal(await page.getAttribute("html", "lang"), language);
    await assertAccessible(page, `sign-in in ${language}`);
    await screenshot(page, `sign-in-${language}`);

    await signIn(page, server, "lawyer");
    assert.equal(new URL(page.url()).pathname, "/lawyer/claims");
    assert.equal(await page.getAttribute("html", "lang"), language);
    await assertAccessible(page, `the lawyer's claims in ${language}`);
    await screenshot(page, `lawyer-claims-${language}`);
    await signOut(page);

    await signIn(page, server, "secretariat");
    assert.equal(new URL(page.url()).pathname, "/secretariat/queue");
    await assertAccessible(page, `the secretariat's queue in ${language}`);
    await screenshot(page, `secretariat-queue-${language}`);
    await page.context().close();
  });
}

test("a wrong password is named in an error summary that links to the field", async () => {
  const { server, browser } = shared;
  const page = await openPage(browser);
  await page.goto(`${server.url}/sign-in?lang=en`);
  // Not the lawyer: the server allows five sign-in attempts a minute per username, and the
  // lawyer signs in five times in this file.
  await page.fill("#username", "auditor");
  await page.fill("#password", "not the password");
  await page.click("form[action='/sign-in'] button");
  const summary = page.locator(".govuk-error-summary");
  await summary.waitFor();
  assert.ok(await summary.locator("a[href^='#']").count() > 0);
  await assertAccessible(page, "sign-in with an error");
  await page.context().close();
});

test("signing in and out works with JavaScript turned off", async () => {
  const { server, browser } = shared;
  const page = await openPage(browser, { javaScript: false });
  await signIn(page, server, "lawyer");
  assert.equal(new URL(page.url()).pathname, "/lawyer/claims");
  await signOut(page);
  await page.goto(`${server.url}/lawyer/claims`);
  assert.equal(new URL(page.url()).pathname, "/sign-in");
  await page.context().close();
});

test("signing in can be done with the keyboard alone", async () => {
  const { server, browser } = shared;
  const page = await openPage(browser);
  await page.goto(`${server.url}/sign-in?lang=en`);
  await tabTo(page, "username");
  await page.keyboard.type("lawyer");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "password");
  await page.keyboard.type(server.passwords.get("lawyer"));
  await Promise.all([page.waitForURL(/\/lawyer\/claims/), page.keyboard.press("Enter")]);
  await page.context().close();
});

test("the pages run under the Content-Security-Policy without a violation", async () => {
  const { server, browser } = shared;
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`${server.url}/sign-in`);
  await page.fill("#username", "secretariat");
  await page.fill("#password", server.passwords.get("secretariat"));
  await Promise.all([page.waitForURL(/\/secretariat\/queue/), page.click("form[action='/sign-in'] button")]);
  assert.deepEqual(violations, []);
  await context.close();
});
