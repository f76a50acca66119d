// What every browser test shares: a fresh `redress serve --demo` on its own SQLite database and
// port, Debian's Chromium driven by playwright-core, the axe-core check every visited page must
// pass, and screenshots kept under tests/browser/out for CI's artefacts.
//
// The server binary is the one `cargo test` built (target/debug/redress, or REDRESS_BINARY);
// the tests never build it themselves, so .ci/run runs them after `cargo test`.

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

import { after, before } from "node:test";

import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repository = resolve(here, "../..");
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const outDirectory = join(here, "out");

/// Seconds a server may take to seed the demo and start listening.
const SERVER_START_TIMEOUT_MS = 60_000;

function serverBinary() {
  if (process.env.REDRESS_BINARY) return process.env.REDRESS_BINARY;
  const target = process.env.CARGO_TARGET_DIR ?? join(repository, "target");
  return join(resolve(repository, target), "debug", "redress");
}

/// Starts `redress serve --demo` on a fresh database and an unused port. Resolves with the base
/// URL, the demo accounts' passwords (as the server printed them) and `stop()`.
export async function startServer() {
  const directory = mkdtempSync(join(tmpdir(), "redress-browser-"));
  const child = spawn(serverBinary(), ["serve", "--demo"], {
    env: {
      ...process.env,
      REDRESS_DATABASE_URL: `sqlite://${join(directory, "redress.db")}`,
      REDRESS_BIND: "127.0.0.1:0",
      REDRESS_FORMS_DIR: join(repository, "forms"),
      REDRESS_LOG_FORMAT: "json",
      RUST_LOG: process.env.RUST_LOG ?? "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const passwords = new Map();
  const url = await new Promise((resolveUrl, reject) => {
    let stdout = "";
    const timer = setTimeout(
      () => reject(new Error(`the server did not start:\n${stdout}\n${stderr}`)),
      SERVER_START_TIMEOUT_MS,
    );
    child.on("exit", (code) => reject(new Error(`the server exited (${code}):\n${stderr}`)));
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      for (const match of stdout.matchAll(/^\s+(\S+)\s+(\S+)\s+\(/gm)) {
        passwords.set(match[1], match[2]);
      }
      const listening = stdout.match(/listening on (http:\/\/\S+)/);
      if (listening) {
        clearTimeout(timer);
        resolveUrl(listening[1]);
      }
    });
  });
  child.removeAllListeners("exit");
  return {
    url,
    passwords,
    async stop() {
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      await exited;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/// Debian's Chromium, headless, with what keeps it off the network it cannot reach here.
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/// A page in a fresh browser context. `javaScript: false` checks the no-JavaScript path. The
/// context bypasses the CSP only so axe-core can be injected; `contentSecurityPolicyHolds`
/// checks the policy on its own.
export async function openPage(browser, { javaScript = true, locale = "sq-AL" } = {}) {
  const context = await browser.newContext({
    javaScriptEnabled: javaScript,
    bypassCSP: true,
    locale,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.consoleErrors = [];
  page.on("console", (message) => {
    // The browser reports every 4xx it is meant to get (a refused form, a missing favicon).
    if (message.type() === "error" && !/status of 4\d\d/.test(message.text())) {
      page.consoleErrors.push(message.text());
    }
  });
  page.on("pageerror", (error) => page.consoleErrors.push(String(error)));
  return page;
}

/// Signs in through the form, as a person would; the page lands on the role's home.
export async function signIn(page, server, username) {
  const password = server.passwords.get(username);
  assert.ok(password, `the server printed no password for ${username}`);
  await page.goto(`${server.url}/sign-in`);
  await page.fill("#username", username);
  await page.fill("#password", password);
  await Promise.all([page.waitForLoadState("load"), page.click("form[action='/sign-in'] button")]);
  assert.doesNotMatch(new URL(page.url()).pathname, /sign-in/, `${username} could not sign in`);
}

/// Signs out with the header's button.
export async function signOut(page) {
  await Promise.all([
    page.waitForLoadState("load"),
    page.click("form[action='/sign-out'] button"),
  ]);
}

/// axe-core finds no violation of WCAG 2.2 A and AA (and best practice) on the page as it is.
export async function assertAccessible(page, label = page.url()) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    }),
  );
  const violations = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n` +
      violation.nodes.map((node) => `    ${node.target.join(" ")}`).join("\n"),
  );
  assert.deepEqual(violations, [], `axe-core found violations on ${label}`);
  assert.deepEqual(page.consoleErrors, [], `the console reported errors on ${label}`);
}

/// A full-page screenshot in tests/browser/out, named for what it shows.
export async function screenshot(page, name) {
  mkdirSync(outDirectory, { recursive: true });
  await page.screenshot({ path: join(outDirectory, `${name}.png`), fullPage: true });
}

/// Presses Tab until the element with `id` has the focus, as a keyboard user would.
export async function tabTo(page, id, pressesMaximum = 40) {
  for (let presses = 0; presses < pressesMaximum; presses += 1) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press("Tab");
  }
  assert.fail(`#${id} was not reached with ${pressesMaximum} presses of Tab`);
}

/// One server and one browser for every test of the calling file: started before the first
/// test (then handed to `onStarted`, if given), stopped after the last. Read `.server` and
/// `.browser` inside the tests.
export function serverAndBrowserForThisFile(onStarted = () => {}) {
  const shared = { server: undefined, browser: undefined };
  before(async () => {
    shared.server = await startServer();
    shared.browser = await launchBrowser();
    onStarted(shared);
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.stop();
  });
  return shared;
}
