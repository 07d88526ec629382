// What every browser test shares: a real `pwe serve` on SQLite with fresh
// test codes, the distribution's Chromium (driven by playwright-core),
// axe-core, screenshots and the checks a person would make of a page.
//
// PWE_BIN may name the binary (default target/debug/pwe), PWE_SURVEY the
// survey file (default the Mall survey), CHROMIUM the browser.

import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, "..");
export const pwe = process.env.PWE_BIN || join(repo, "target", "debug", "pwe");
export const survey = process.env.PWE_SURVEY || join(repo, "surveys", "mall-parkeren.toml");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const shots = join(here, "screenshots");

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/** The distribution's Chromium, with nothing that reaches the network. */
export async function launchBrowser() {
  mkdirSync(shots, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
}

/**
 * Starts `pwe serve` with test codes (test households may answer before the
 * survey opens). `options.survey` serves another survey file, `options.prepare(dir)`
 * runs in the server's folder first, `options.args` are added to `pwe serve`.
 */
export async function startServer(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), "pwe-e2e-"));
  const served = options.survey?.(dir) ?? survey;
  options.prepare?.(dir, served);
  execFileSync(pwe, ["codes", "generate", "--survey", served, "--households", join(repo, "fixtures", "mall-buurten.csv"),
    "--per-buurt", "2", "--test", "--out", join(dir, "codes.csv")], { cwd: dir, stdio: "pipe" });
  const codes = readFileSync(join(dir, "codes.csv"), "utf8").trim().split("\n").slice(1).map((line) => line.split(",")[2]);
  const server = spawn(pwe, ["serve", "--survey", served, "--addr", "127.0.0.1:0", ...(options.args ?? [])],
    { cwd: dir, stdio: ["ignore", "pipe", "inherit"] });
  const baseUrl = await new Promise((resolve, reject) => {
    let seen = "";
    server.stdout.on("data", (chunk) => {
      seen += chunk;
      const match = seen.match(/http:\/\/[0-9.:]+/);
      if (match) resolve(match[0]);
    });
    server.on("exit", (status) => reject(new Error(`pwe serve exited with ${status}`)));
  });
  const browser = await launchBrowser();
  return {
    baseUrl,
    browser,
    /** The server's folder (its database) and the survey file it serves. */
    dir,
    survey: served,
    /** A code no other test uses. */
    code: () => codes.shift(),
    async close() {
      await browser.close();
      server.kill();
    },
  };
}

/** Fails on any axe-core violation of WCAG 2.1 A and AA on the page as it is now. */
export async function checkAccessibility(page, name) {
  await page.evaluate(axeSource); // evaluate runs outside the page's CSP
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }));
  assert.deepEqual(result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`), [],
    `${name} has accessibility violations`);
}

/** A full-page screenshot in e2e/screenshots/. */
export async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/**
 * Nothing sticks out sideways at 320 px wide with the text at 200% (WCAG
 * reflow); the viewport is restored afterwards.
 */
export async function checkReflow(page, name) {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  await page.evaluate(() => { document.documentElement.style.fontSize = "200%"; });
  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    const wide = [...document.querySelectorAll("main *, header *, footer *")]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
      .slice(0, 3).map((el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${el.className}`);
    return { scroll: root.scrollWidth, client: root.clientWidth, wide };
  });
  await page.evaluate(() => { document.documentElement.style.fontSize = ""; });
  await page.setViewportSize(before);
  assert.ok(overflow.scroll <= overflow.client, `${name} is wider than 320 px at 200% text: ${JSON.stringify(overflow)}`);
}

/** Every check of a page type: axe-core, reflow, and a screenshot named after it. */
export async function checkPage(page, name) {
  await checkAccessibility(page, name);
  await checkReflow(page, name);
  await shot(page, name);
}

/** The budget status is inside the viewport: a tick shows its effect without scrolling. */
export async function assertStatusInView(page, what) {
  const box = await page.locator("#meter-status").boundingBox();
  const view = page.viewportSize();
  assert.ok(box && box.y >= 0 && box.y + box.height <= view.height && box.x >= 0 && box.x + box.width <= view.width,
    `after ${what} the budget status is outside the ${view.width}×${view.height} viewport: ${JSON.stringify(box)}`);
}

/** Ticks a checkbox or radio and waits for the live meter to follow. */
export async function tick(page, input, what) {
  const before = await page.locator("#meter-spent").textContent();
  await input.check();
  await page.waitForFunction((text) => document.getElementById("meter-spent")?.textContent !== text, before)
    .catch(() => {}); // a tick that costs nothing leaves the amount as it was
  await assertStatusInView(page, what);
}

/** The words a person reads on the page (hidden parts excluded). */
export async function wordsOn(page) {
  const text = await page.evaluate(() => document.body.innerText);
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Writes the effort figures measured by a test run to e2e/screenshots/effort.json. */
export function recordEffort(name, figures) {
  const file = join(shots, "effort.json");
  let all = {};
  try { all = JSON.parse(readFileSync(file, "utf8")); } catch { /* first run */ }
  all[name] = figures;
  writeFileSync(file, JSON.stringify(all, null, 2) + "\n");
  console.log(`effort (${name}): ${JSON.stringify(figures)}`);
}
