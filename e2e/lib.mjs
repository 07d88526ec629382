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

/**
 * The elements wider than the viewport or sticking out on its right, each as
 * `tag#id.class (width px)`: what a phone cuts off, or hides in a sideways
 * scroll with no cue. Elements hidden or moved off to the left on purpose (a
 * skip link, a visually hidden label) do not count. An empty list is the goal.
 */
export async function widerThanViewport(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // Clipped by an ancestor that fits (a visually hidden header): unseen, not cut.
    const clipped = (el) => {
      for (let at = el.parentElement; at && at !== document.body; at = at.parentElement) {
        const overflow = getComputedStyle(at).overflowX;
        if ((overflow === "hidden" || overflow === "clip") && at.getBoundingClientRect().right <= width + 1) return true;
      }
      return false;
    };
    return [...document.body.querySelectorAll("*")]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || box.right <= 0) return false;
        return (box.width > width + 1 || box.right > width + 1) && !clipped(el);
      })
      .map((el) => {
        const id = el.id ? `#${el.id}` : "";
        const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().replace(/\s+/g, ".")}` : "";
        return `${el.tagName.toLowerCase()}${id}${cls} (${Math.round(el.getBoundingClientRect().width)} px)`;
      });
  });
}

const MONTHS = {
  nl: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
};
// Words of an English sentence that no Dutch text uses ("The Mall" alone is a name).
const ENGLISH = ["the", "and", "your", "you", "with", "not", "this", "that", "which", "are", "was", "will", "have", "has", "choose", "measures", "households"];

/**
 * The page's visible text has one date format and one number format, those of
 * its language (nl: 9 november 2026, 30,0%, € 1.000; en: 9 November 2026,
 * 30.0%, €1,000), and a Dutch page has no English sentence.
 */
export async function checkWords(page, name, shown) {
  const { lang, text } = await page.evaluate((shown) => {
    // What a reader can open is read too; closed again afterwards.
    const closed = [...document.querySelectorAll("details:not([open])")];
    closed.forEach((d) => { d.open = true; });
    // The reports carry both languages and show the one chosen (`shown`).
    const seen = { lang: shown ?? document.documentElement.lang.slice(0, 2), text: document.body.innerText };
    closed.forEach((d) => { d.open = false; });
    return seen;
  }, shown);
  const problems = [];
  const find = (regex, what) => {
    for (const match of text.matchAll(regex)) problems.push(`${what}: "${text.slice(Math.max(0, match.index - 30), match.index + match[0].length + 30).replace(/\s+/g, " ")}"`);
  };
  find(/\b\d{4}-\d{2}-\d{2}\b/g, "an ISO date");
  find(/\b(0?[1-9]|[12]\d|3[01])-(0?[1-9]|1[0-2])(-\d{2,4})?\b/g, "a numeric date");
  find(/\b\d{1,2}\/\d{1,2}(\/\d{2,4})?\b/g, "a numeric date");
  const other = lang === "nl" ? "en" : "nl";
  for (const month of MONTHS[other].filter((m) => !MONTHS[lang].includes(m))) {
    find(new RegExp(`\\b\\d{1,2} ${month}\\b`, "g"), `a date in ${other}`);
  }
  if (lang === "nl") {
    // A Dutch time is written with a point: van 9.00 tot 17.00 uur.
    find(/(?<!(van|tot|om) \d?)\d\.\d{1,2}(?![\d.]| uur| tot)/g, "a decimal point in Dutch");
    find(/€\d/g, "a euro amount without its space in Dutch");
    for (const line of text.split("\n")) {
      const english = new Set(line.toLowerCase().split(/[^a-z]+/).filter((w) => ENGLISH.includes(w)));
      if (english.size >= 2) problems.push(`English on a Dutch page: "${line.trim().slice(0, 120)}"`);
    }
  } else {
    find(/\d,\d{1,2}(?![\d,])/g, "a decimal comma in English");
    find(/€ \d/g, "a euro amount with a space in English");
  }
  find(/\d[.,]\d{5,}/g, "a number with needless decimals");
  assert.deepEqual(problems, [], `${name} (${lang}) writes words or figures in another format`);
}

/** Every check of a page type: axe-core, reflow, formats, and a screenshot named after it. */
export async function checkPage(page, name) {
  await checkWords(page, name);
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

/**
 * The input that chooses a measure by its title: its checkbox, or its radio
 * button in an exclusive group (whose one choice is a radio group).
 */
export function measure(page, title) {
  return page.getByRole("group", { name: title }).getByRole("checkbox").or(page.getByRole("radio", { name: title }));
}
