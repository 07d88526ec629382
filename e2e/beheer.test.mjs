// The staff page /beheer as the municipality uses it while the consultation
// runs: log in with a personal staff account, read the turnout per buurt and
// day, where households stop and how representative the responses are so
// far, and enter a paper form for a household through the residents' own
// pages. At phone and desktop size, axe-core clean; the paper answer is in
// the export with its channel.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pwe, survey, repo, startServer, checkPage, widerThanViewport, measure, PHONE, DESKTOP } from "./lib.mjs";

const ACCOUNT = "beheerder";
const PASSWORD = "kraanvogel-plint-zeppelin-boomgaard";
const population = join(repo, "fixtures", "mall-buurten.csv");
let env;
/** How many households the simulation made respond online. */
let online;
let realCodes;

before(async () => {
  env = await startServer({
    // The Mall survey, open now.
    survey: (dir) => {
      const open = join(dir, "mall-parkeren.toml");
      writeFileSync(open, readFileSync(survey, "utf8")
        .replace(/^opens = .*$/m, "opens = 2026-10-05T09:00:00")
        .replace(/^closes = .*$/m, "closes = 2030-02-02T17:00:00")
        .replace(/^retention_until = .*$/m, "retention_until = 2030-12-31"));
      for (const companion of ["population.toml", "params.toml"]) {
        copyFileSync(survey.replace(/toml$/, companion), open.replace(/toml$/, companion));
      }
      return open;
    },
    prepare: (dir, served) => {
      // A personal account, the password on standard input.
      execFileSync(pwe, ["staff", "add", "--name", ACCOUNT, "--role", "admin"], { cwd: dir, input: `${PASSWORD}\n`, stdio: ["pipe", "pipe", "pipe"] });
      // About 300 respond (each household by chance); the command says how many.
      const said = execFileSync(pwe, ["simulate", "--survey", served, "--population", population, "--n", "300", "--seed", "5",
        "--db", "sqlite://pwe.sqlite"], { cwd: dir, stdio: "pipe" }).toString();
      online = Number(said.match(/^(\d+) simulated households responded/)[1]);
      // Real (not test) codes for the paper forms, as the letters carry them.
      execFileSync(pwe, ["codes", "generate", "--survey", served, "--households", population, "--per-buurt", "1",
        "--out", "real.csv"], { cwd: dir, stdio: "pipe" });
      realCodes = readFileSync(join(dir, "real.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[2]);
    },
    args: ["--population", population],
  });
});
after(async () => { await env?.close(); });

async function logIn(page) {
  await page.goto(`${env.baseUrl}/beheer`);
  await page.getByLabel("Naam van uw account").fill(ACCOUNT);
  await page.getByLabel("Wachtwoord").fill(PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.getByRole("heading", { name: "Stand van de raadpleging" }).waitFor();
}

for (const [size, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
  test(`the staff page shows turnout, drop-off and representativeness so far (${size})`, async () => {
    const context = await env.browser.newContext({ viewport });
    const page = await context.newPage();
    const login = await page.goto(`${env.baseUrl}/beheer`);
    assert.equal(login.status(), 200);
    await checkPage(page, `beheer-login-${size}`);
    await page.getByLabel("Naam van uw account").fill(ACCOUNT);
    await page.getByLabel("Wachtwoord").fill("not-the-password-but-long-enough");
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/beheer/login")),
      page.getByRole("button", { name: "Inloggen" }).click(),
    ]);
    assert.equal(refused.status(), 401);
    await page.getByRole("alert").getByText("Deze naam en dit wachtwoord horen niet bij een account van deze dienst.").waitFor();
    assert.match(await page.title(), /^Fout: /);

    await logIn(page);
    const main = await page.locator("main").innerText();
    assert.match(main, /Open van 5 oktober 2026, 9\.00 uur tot 2 februari 2030, 17\.00 uur — nog [\d.]+ dagen( en \d+ uur)?\./);
    assert.match(main, new RegExp(`${online}\\s+ingediend`));
    assert.match(main, /Gesimuleerde gegevens: deze database is gevuld door pwe simulate/);
    // Eight buurten and all of them together, each a line of the chart.
    assert.equal(await page.locator("svg.chart polyline").count(), 9);
    assert.equal(await page.locator("table").first().locator("tbody tr").count(), 9);
    // Buurten by the names of the population file, with the code the letters use.
    assert.match(main, /Leidsenhage\s+BU19160201/);
    assert.match(await page.locator("svg.chart").textContent(), /Leidsenhage/);
    assert.match(main, /Dat zegt de R-indicator: [01],\d\d \(waarschijnlijk tussen [01],\d\d en [01],\d\d\)/);
    assert.match(main, /Buurt: Deelnemers /);
    assert.match(main, new RegExp(`Binnengekomen: online ${online}\\.`));
    // No column cut off: on a phone every table is a card per row, each
    // figure under its column's name (the per-day table opened too).
    await page.getByText("Per dag (UTC)").click();
    assert.deepEqual(await widerThanViewport(page), [], `nothing on /beheer is wider than the ${size} screen`);
    const submitted = page.locator("table").first().locator("tbody tr").first().locator(".cell-label", { hasText: "Ingediend" });
    assert.equal(await submitted.isVisible(), size === "phone", "the column's name labels the figure on a phone only");
    await checkPage(page, `beheer-${size}`);
    await context.close();
  });
}

test("an official enters a paper form for a household: same pages, one response, channel paper in the export", async () => {
  const context = await env.browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await logIn(page);
  const code = realCodes[0];
  await page.getByLabel("Code van het huishouden").fill(code);
  await page.getByLabel("Papieren formulier").check();
  await page.getByRole("button", { name: "Invoeren voor dit huishouden" }).click();
  await page.waitForURL(/\/info\/1$/);
  await page.getByRole("button", { name: "Volgende" }).click();
  await page.getByRole("button", { name: "Volgende" }).click();
  await page.waitForURL(/\/choice$/);
  const spent = await page.locator("#meter-spent").textContent();
  const titles = ["Vergunningparkeren", "Afspraak met The Mall", "Bewegwijzering"];
  if (/1[.,]700[.,]000/.test(spent)) titles.push("Verkeerscirculatie");
  for (const title of titles) {
    await measure(page, new RegExp(title)).check();
  }
  await page.getByRole("group", { name: "Extra handhaving" }).getByLabel(/Twee dagen/).check();
  await page.locator("#meter").getByText("✓ Uw keuze past binnen alle regels.").waitFor();
  await page.getByRole("button", { name: "Opslaan en verder" }).click();
  await page.waitForURL(/\/motivation$/);
  await page.getByRole("button", { name: "Opslaan en verder" }).click();
  await page.waitForURL(/\/background$/);
  for (const [question, answer] of [["Wat is uw leeftijd?", "45 tot 65 jaar"], [/huishouden eruit/, "Ik woon alleen"], [/auto's/, "Eén"]]) {
    await page.getByRole("group", { name: question }).getByLabel(answer).check();
  }
  await page.getByRole("button", { name: "Opslaan en verder" }).click();
  await page.waitForURL(/\/evaluation$/);
  for (const statement of [/voldoende gelegenheid/, /uitleg was duidelijk/, /goed beeld/, /serieus iets doet/]) {
    await page.getByRole("group", { name: statement }).getByLabel("4 – Eens", { exact: true }).check();
  }
  await page.getByRole("group", { name: /rapportcijfer/ }).getByLabel("8", { exact: true }).check();
  await page.getByRole("button", { name: "Opslaan en verder" }).click();
  await page.waitForURL(/\/confirm$/);
  await page.getByRole("button", { name: "Advies insturen" }).click();
  await page.waitForURL(/\/thanks$/);
  await page.getByRole("link", { name: "Terug naar beheer (volgende invoer)" }).click();
  await page.getByText(new RegExp(`Binnengekomen: online ${online}; op papier \\(ingevoerd door de gemeente\\) 1\\.`)).waitFor();

  // The same household a second time: refused, with the reason.
  await page.getByLabel("Code van het huishouden").fill(code);
  await page.getByLabel("Hulp bij invullen").check();
  const [again] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/beheer/invoer")),
    page.getByRole("button", { name: "Invoeren voor dit huishouden" }).click(),
  ]);
  assert.equal(again.status(), 409);
  await page.getByRole("alert").getByText("Met deze code is al advies gegeven; elk huishouden doet één keer mee.").waitFor();
  await context.close();

  execFileSync(pwe, ["export", "--survey", env.survey, "--out", "export"], { cwd: env.dir, stdio: "pipe" });
  const rows = readFileSync(join(env.dir, "export", "responses.csv"), "utf8").trim().split("\n");
  const channel = rows[0].split(",").indexOf("channel");
  assert.ok(channel > 0, "responses.csv has a channel column");
  const channels = rows.slice(1).map((r) => r.split(",")[channel]);
  assert.equal(channels.filter((c) => c === "paper").length, 1);
  assert.equal(channels.filter((c) => c === "online").length, online);
});
