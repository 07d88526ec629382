// The resident's whole flow in a real headless Chromium (the distribution's
// /usr/bin/chromium, driven by playwright-core), against `pwe serve` on
// SQLite with a freshly generated code; axe-core checks every page type for
// serious and critical accessibility violations. Screenshots of the choice
// task on a phone and a desktop go to e2e/screenshots/ (not committed).
//
// Run by scripts/test.sh after `cargo build`; PWE_BIN may name the binary.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..");
const pwe = process.env.PWE_BIN || join(repo, "target", "debug", "pwe");
const survey = join(repo, "surveys", "mall-parkeren.toml");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const shots = join(here, "screenshots");

let server;
let baseUrl;
let code;
let browser;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), "pwe-e2e-"));
  execFileSync(pwe, ["codes", "generate", "--survey", survey, "--households", join(repo, "fixtures", "mall-buurten.csv"),
    "--per-buurt", "1", "--test", "--out", join(dir, "codes.csv")], { cwd: dir, stdio: "pipe" });
  code = readFileSync(join(dir, "codes.csv"), "utf8").split("\n")[1].split(",")[2];
  server = spawn(pwe, ["serve", "--survey", survey, "--addr", "127.0.0.1:0"], { cwd: dir, stdio: ["ignore", "pipe", "inherit"] });
  baseUrl = await new Promise((resolve, reject) => {
    let seen = "";
    server.stdout.on("data", (chunk) => {
      seen += chunk;
      const match = seen.match(/http:\/\/[0-9.:]+/);
      if (match) resolve(match[0]);
    });
    server.on("exit", (status) => reject(new Error(`pwe serve exited with ${status}`)));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.kill();
});

/** Fails on any serious or critical axe-core violation of the page. */
async function checkAccessibility(page, name) {
  await page.evaluate(axeSource); // evaluate runs outside the page's CSP
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`), [], `${name} has accessibility violations`);
}

async function enterCode(context) {
  const page = await context.newPage();
  await page.goto(baseUrl + "/");
  await checkAccessibility(page, "landing page");
  await page.getByLabel(/Uw code/).fill(code.toLowerCase().replaceAll("-", " "));
  await page.getByRole("button", { name: "Beginnen" }).click();
  return page;
}

test("a household completes the consultation, resumes after closing the browser, and cannot submit twice", async () => {
  let context = await browser.newContext();
  let page = await enterCode(context);

  // The information pages, then the choice task.
  await page.waitForURL(/\/info\/1$/);
  await checkAccessibility(page, "information page");
  assert.ok(!page.url().includes(code.slice(0, 4)), "the code is not in the address");
  await page.getByRole("button", { name: "Volgende" }).click();
  await page.getByRole("button", { name: "Volgende" }).click();
  await page.waitForURL(/\/choice$/);

  // An over-budget choice: the live meter says so, and saving is refused.
  for (const title of ["Vergunningparkeren voor bewoners", "Afspraak met The Mall", "Pendelbus vanaf een P+R-terrein", "Fiets en openbaar vervoer stimuleren"]) {
    await page.getByRole("group", { name: title }).getByRole("checkbox").check();
  }
  await page.getByRole("group", { name: "Extra handhaving" }).getByLabel(/Elke dag/).check();
  await page.locator("#meter").getByText(/het budget is/).waitFor();
  await checkAccessibility(page, "choice task");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: join(shots, "choice-desktop.png"), fullPage: true });
  await page.setViewportSize({ width: 375, height: 740 });
  await page.screenshot({ path: join(shots, "choice-phone.png"), fullPage: true });
  await page.getByRole("button", { name: "Opslaan en verder" }).click();
  assert.match(page.url(), /\/choice$/, "an over-budget choice blocks continuing");
  await page.getByRole("alert").getByText(/Uw keuze kost .*het budget is/).waitFor();

  // A valid portfolio passes.
  await page.getByRole("group", { name: /Vergunningparkeren/ }).getByRole("checkbox").uncheck();
  await page.getByRole("group", { name: "Extra handhaving" }).getByLabel(/Twee dagen/).check();
  await page.getByRole("group", { name: /Betaald parkeren voor bezoekers/ }).getByRole("checkbox").check();
  await page.getByRole("group", { name: /Verkeerscirculatie/ }).getByRole("checkbox").check();
  await page.locator("#meter").getByText("Uw keuze past binnen alle regels.").waitFor();
  await page.getByRole("button", { name: "Opslaan en verder" }).click();
  await page.waitForURL(/\/motivation$/);

  // "Stop and continue later" ends the session at once: the next page asks for the code.
  await page.getByRole("button", { name: "Stoppen en later verder" }).click();
  await page.getByRole("heading", { name: "U kunt later verder" }).waitFor();
  await checkAccessibility(page, "stopped page");
  await page.goto(baseUrl + "/motivation");
  await page.getByLabel(/Uw code/).waitFor();

  // Close the browser; with the code again the household is back where it left.
  await context.close();
  context = await browser.newContext();
  page = await enterCode(context);
  await page.waitForURL(/\/motivation$/);
  await checkAccessibility(page, "motivations");
  const box = page.getByLabel(/Waarom adviseert u deze maatregel\?/).first();
  await box.fill("Minder zoekverkeer in mijn straat.");
  await page.getByText(/^\d+ tekens over$/).first().waitFor();
  await page.getByRole("button", { name: "Opslaan en verder" }).click();

  await page.waitForURL(/\/background$/);
  await checkAccessibility(page, "background questions");
  await page.getByRole("group", { name: "Wat is uw leeftijd?" }).getByLabel("45 tot 65 jaar").check();
  await page.getByRole("group", { name: /huishouden eruit/ }).getByLabel("Ik woon alleen").check();
  await page.getByRole("group", { name: /auto's/ }).getByLabel("Eén").check();
  await page.getByRole("button", { name: "Opslaan en verder" }).click();

  await page.waitForURL(/\/evaluation$/);
  await checkAccessibility(page, "evaluation questions");
  for (const statement of [/voldoende gelegenheid/, /uitleg was duidelijk/, /goed beeld/, /serieus iets doet/]) {
    await page.getByRole("group", { name: statement }).getByLabel("4 – Eens", { exact: true }).check();
  }
  await page.getByRole("group", { name: /rapportcijfer/ }).getByLabel("8", { exact: true }).check();
  await page.getByRole("button", { name: "Opslaan en verder" }).click();

  await page.waitForURL(/\/confirm$/);
  await checkAccessibility(page, "confirmation");
  await page.getByText("Pendelbus vanaf een P+R-terrein").waitFor();
  await page.getByRole("button", { name: "Advies insturen" }).click();
  await page.waitForURL(/\/thanks$/);
  await checkAccessibility(page, "thank-you page");
  const receipt = await page.locator(".receipt").textContent();
  assert.match(receipt, /^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);

  // English on every page.
  await page.getByRole("link", { name: "English" }).click();
  await page.getByText("Thank you!").waitFor();
  await context.close();

  // The same code afterwards: already submitted.
  context = await browser.newContext();
  page = await enterCode(context);
  await page.getByText("Uw huishouden heeft al meegedaan").waitFor();
  await checkAccessibility(page, "already submitted page");
  await context.close();
});

test("the public results page is accessible", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(baseUrl + "/results?lang=en");
  await page.getByRole("heading", { name: "Results" }).waitFor();
  await checkAccessibility(page, "results page");
  await context.close();
});

test("a wrong code gets a clear message", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(baseUrl + "/");
  const typo = code.slice(0, -1) + (code.endsWith("2") ? "3" : "2");
  await page.getByLabel(/Uw code/).fill(typo);
  await page.getByRole("button", { name: "Beginnen" }).click();
  await page.getByRole("alert").getByText(/Controleer uw code/).waitFor();
  await checkAccessibility(page, "landing page with an error");
  await context.close();
});
