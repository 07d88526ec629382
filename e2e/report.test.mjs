// The analysis report as a council member opens it: made by `pwe simulate`
// and `pwe analyze` as in the README, read in Chromium at phone and desktop
// size, in Dutch and English; axe-core clean, no sideways scrolling, the
// summary first, and every figure a number of summary.json.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pwe, survey, repo, launchBrowser, checkAccessibility, checkWords, shot, widerThanViewport, PHONE, DESKTOP } from "./lib.mjs";

let browser, reportUrl, participationUrl, summary;
before(async () => {
  const dir = mkdtempSync(join(tmpdir(), "pwe-report-"));
  const population = join(repo, "fixtures", "mall-buurten.csv");
  execFileSync(pwe, ["simulate", "--survey", survey, "--population", population, "--n", "1500", "--seed", "1",
    "--out", join(dir, "responses")], { stdio: "pipe" });
  execFileSync(pwe, ["analyze", "--survey", survey, "--responses", join(dir, "responses"), "--population", population,
    "--response", join(repo, "fixtures", "mall-parkeren.response.toml"), "--out", join(dir, "report")], { stdio: "pipe" });
  reportUrl = "file://" + join(dir, "report", "report.html");
  participationUrl = "file://" + join(dir, "report", "participation-report.html");
  summary = JSON.parse(readFileSync(join(dir, "report", "summary.json"), "utf8"));
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); });

for (const [size, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
  test(`the report at ${size} size opens with the summary, fits the screen and passes axe-core`, async () => {
    const page = await browser.newPage({ viewport });
    await page.goto(reportUrl);
    const headings = await page.locator("main h2").evaluateAll((all) => all.map((h) => h.innerText));
    assert.equal(headings[0], "Samenvatting", `the first section is the summary: ${headings}`);
    assert.ok(await page.locator(".simulated").isVisible(), "a simulated report says so at the top");
    const summaryText = await page.locator("ul.conclusions").innerText();
    for (const part of ["Deelname.", "Advies.", "één van", "Waarde."]) {
      assert.ok(summaryText.includes(part), `the summary says "${part}": ${summaryText}`);
    }
    assert.match(summaryText, /Een meerderheid adviseert/);
    for (const lang of ["nl", "en"]) {
      if (lang === "en") await page.getByText("English", { exact: true }).click();
      const width = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(width[0] <= width[1], `the ${lang} report scrolls sideways at ${size} size: ${width}`);
      assert.deepEqual(await widerThanViewport(page), [], `nothing in the ${lang} report is wider than the ${size} screen`);
      await checkWords(page, `report ${lang} ${size}`, lang);
      await checkAccessibility(page, `report ${lang} ${size}`);
      await shot(page, `report-${lang}-${size}`);
    }
    assert.equal(await page.locator("main h2").first().innerText(), "Summary");
    await page.close();
  });
}

test("every figure of the summary section is the number in summary.json", async () => {
  const page = await browser.newPage({ viewport: DESKTOP });
  await page.goto(reportUrl);
  const figures = await page.locator("ul.conclusions data[data-key]").evaluateAll((all) =>
    all.map((d) => [d.dataset.key, d.getAttribute("value")]));
  assert.ok(figures.length >= 10, `the summary carries its figures: ${figures.length}`);
  for (const [pointer, value] of figures) {
    const found = pointer.split("/").slice(1).reduce((at, key) => at?.[key], summary);
    assert.equal(value, JSON.stringify(found), `${pointer}`);
  }
  await page.close();
});

for (const [size, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
  test(`the participation report at ${size} size fits the screen and passes axe-core`, async () => {
    const page = await browser.newPage({ viewport });
    await page.goto(participationUrl);
    const headings = await page.locator("main h2").evaluateAll((all) => all.map((h) => h.innerText));
    assert.deepEqual(headings, ["Wat vroegen we, en waarom?", "Participatieniveau", "Wie deden mee?",
      "Wat adviseerden bewoners, en waarom?", "Wat besloot de raad, en waarom?",
      "Hoe beoordeelden deelnemers de raadpleging?", "Evaluatie van de methode (ACTIE)", "Wat gebeurt er nu?"]);
    for (const lang of ["nl", "en"]) {
      if (lang === "en") await page.getByText("English", { exact: true }).click();
      const width = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(width[0] <= width[1], `the ${lang} participation report scrolls sideways at ${size} size: ${width}`);
      assert.deepEqual(await widerThanViewport(page), [], `nothing in the ${lang} participation report is wider than the ${size} screen`);
      // The council's reason per measure is read, not cut off: on a phone each
      // measure is a card with its column names.
      const why = lang === "nl" ? "Waarom" : "Why";
      const reason = page.locator("table:has(th:has-text('Besluit')) tbody tr").first().locator(".cell-label", { hasText: why });
      assert.equal(await reason.isVisible(), size === "phone", `"${why}" labels the council's reason on a phone only`);
      await checkWords(page, `participation report ${lang} ${size}`, lang);
      await checkAccessibility(page, `participation report ${lang} ${size}`);
      await shot(page, `participation-report-${lang}-${size}`);
    }
    await page.close();
  });
}
