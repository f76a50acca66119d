// The administrator adds an account for a new lawyer, who then signs in; the pages pass axe.

import { test } from "node:test";
import assert from "node:assert/strict";

import { assertAccessible, openPage, screenshot, signIn, serverAndBrowserForThisFile } from "./harness.mjs";

const shared = serverAndBrowserForThisFile();

test("the administrator adds a lawyer's account in Serbian, and the lawyer signs in", async () => {
  const { server, browser } = shared;
  const page = await openPage(browser, { locale: "sr-RS" });
  await signIn(page, server, "admin");
  assert.equal(new URL(page.url()).pathname, "/admin/users");
  assert.equal(await page.getAttribute("html", "lang"), "sr-Cyrl");
  await assertAccessible(page, "the users page");
  await screenshot(page, "admin-users-sr-Cyrl");

  await page.getByRole("button", { name: "Додај корисника" }).click();
  await assertAccessible(page, "the new account form");
  await page.getByLabel("Корисничко име").fill("Not valid");
  await page.getByRole("button", { name: "Сачувај" }).click();
  await page.locator(".govuk-error-summary").waitFor();
  await assertAccessible(page, "the new account form with errors");
  await screenshot(page, "admin-new-user-errors-sr-Cyrl");

  const password = "a synthetic first password";
  await page.getByLabel("Корисничко име").fill("lawyer-two");
  await page.getByLabel("Пуно име").fill("Synthetic Lawyer Two");
  await page.getByLabel("Прва лозинка").fill(password);
  await page.getByLabel("Адвокат").check();
  await page.getByRole("button", { name: "Сачувај" }).click();
  await page.locator(".govuk-notification-banner--success").waitFor();
  assert.match(await page.textContent("main"), /lawyer-two/);
  await assertAccessible(page, "the users page after adding");

  const lawyer = await openPage(browser);
  server.passwords.set("lawyer-two", password);
  await signIn(lawyer, server, "lawyer-two");
  assert.equal(new URL(lawyer.url()).pathname, "/lawyer/claims");
});
