// After the close: a closed consultation whose database `pwe simulate --db`
// filled, served with the council's answer (fixtures/mall-parkeren.response.toml).
// Before publication no page promises a link that leads nowhere; after it the
// home page, a code entered, the receipt check and the thank-you page lead to
// the outcome. The results page shows the exclusive group together with its
// sum, the most chosen first with bars, how sure in words, and the council's
// decision beside the advice; in Dutch on a phone and in English on a desktop,
// axe-core clean, nothing wider than the screen; one tap from the home page
// without JavaScript.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pwe, survey, repo, startServer, checkPage, recordEffort, wordsOn, PHONE, DESKTOP } from "./lib.mjs";

let env;
let residentCodes;
before(async () => {
  env = await startServer({
    // The Mall survey with its window in the past: the results are public.
    survey: (dir) => {
      const closed = join(dir, "mall-parkeren.toml");
      writeFileSync(closed, readFileSync(survey, "utf8")
        .replace(/^opens = .*$/m, "opens = 2026-01-05T09:00:00")
        .replace(/^closes = .*$/m, "closes = 2026-02-02T17:00:00"));
      // Its mapping and simulation parameters beside it, as in surveys/.
      for (const companion of ["population.toml", "params.toml"]) {
        copyFileSync(survey.replace(/toml$/, companion), closed.replace(/toml$/, companion));
      }
      return closed;
    },
    prepare: (dir, served) => {
      execFileSync(pwe, ["simulate", "--survey", served, "--population",
        join(repo, "fixtures", "mall-buurten.csv"), "--n", "300", "--seed", "4", "--db", "sqlite://pwe.sqlite"],
      { cwd: dir, stdio: "pipe" });
      // Residents' codes (not test codes): after the close they no longer open the survey.
      execFileSync(pwe, ["codes", "generate", "--survey", served, "--households", join(repo, "fixtures", "mall-buurten.csv"),
        "--per-buurt", "1", "--out", join(dir, "resident-codes.csv")], { cwd: dir, stdio: "pipe" });
      residentCodes = readFileSync(join(dir, "resident-codes.csv"), "utf8").trim().split("\n").slice(1).map((line) => line.split(",")[2]);
    },
    args: ["--response", join(repo, "fixtures", "mall-parkeren.response.toml")],
  });
});
after(async () => { await env?.close(); });

/** Nothing on the page is wider than the viewport it is shown in. */
async function assertFits(page, name) {
  const wide = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .slice(0, 3).map((el) => `${el.tagName.toLowerCase()}.${el.className?.baseVal ?? el.className}`);
  });
  assert.deepEqual(wide, [], `${name}: wider than the viewport`);
}

/** Enters a code on the home page after the close (the form is behind "Toch een code invullen"). */
async function enterCode(page, code) {
  await page.goto(`${env.baseUrl}/?lang=nl`);
  await page.getByText("Toch een code invullen").click();
  await page.getByLabel(/Uw code/).fill(code);
  await page.getByRole("button", { name: "Beginnen" }).click();
}

/** Sends a valid advice for the test household `code` through the API. */
async function submit(page, code) {
  const submitted = await page.request.post(`${env.baseUrl}/api/household/submit`, {
    headers: { "x-household-code": code, "content-type": "application/json" },
    data: JSON.stringify({ portfolio: { "betaald-bezoekers": 1, handhaving: 1, "garage-afspraak": 1, pendelbus: 1, circulatie: 1, "fiets-ov": 1 },
      background: { leeftijd: "45-64", huishouden: "alleen", autos: "1" },
      evaluation: { gelegenheid: 4, begrijpelijk: 5, zinvol: 4, serieus: 3, cijfer: 8 } }),
  });
  assert.equal(submitted.status(), 201, await submitted.text());
}

test("before publication the pages say the results are being checked, and link to nothing", async () => {
  const context = await env.browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto(`${env.baseUrl}/?lang=nl`);
  const home = await page.locator("main").innerText();
  assert.match(home, /De raadpleging is gesloten sinds 2 februari 2026/);
  assert.match(home, /De gemeente controleert de uitkomsten/);
  assert.equal(await page.locator("main a[href^='/results']").count(), 0, "no link to results not yet public");
  await checkPage(page, "landing-closed-checking-phone");
  await page.goto(`${env.baseUrl}/results`);
  assert.match(await page.locator("main").innerText(), /De gemeente controleert de uitkomsten/);
  assert.equal(await page.locator("section.result").count(), 0);
  const published = execFileSync(pwe, ["results", "publish", "--survey", env.survey], { cwd: env.dir, encoding: "utf8" });
  assert.match(published, /are public on \/results/);
  await page.reload();
  assert.equal(await page.locator("section.result").count(), 9);
  await context.close();
});

for (const [size, viewport, lang] of [["phone", PHONE, "nl"], ["desktop", DESKTOP, "en"]]) {
  const w = lang === "nl"
    ? { title: "Wat de raad met het advies deed", decided: /Besloten op 24 juni 2027/, adopted: "Overgenomen",
      garage: "Afspraak met The Mall over goedkoper parkeren in de garages", together: /^Samen (\d+)% koos een van deze maatregelen/,
      between: /Van alle huishoudens waarschijnlijk tussen \d+% en \d+%\./, group: "Hooguit één van deze 3 maatregelen",
      enforcement: "Extra handhaving", step: /1 augustus 2027: Extra handhavers in dienst \(gedaan\)/ }
    : { title: "What the council did with the advice", decided: /Decided on 24 June 2027/, adopted: "Adopted",
      garage: "Agreement with The Mall on cheaper car park rates", together: /^Together (\d+)% chose one of these measures/,
      between: /Of all households probably between \d+% and \d+%\./, group: "At most one of these 3 measures",
      enforcement: "Extra enforcement", step: /1 August 2027: Extra enforcement officers hired \(done\)/ };

  test(`the results: the group with its sum, the most chosen first with bars, how sure in words, the decision beside the advice (${lang}, ${size})`, async () => {
    const context = await env.browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`${env.baseUrl}/results?lang=${lang}`);
    await page.getByRole("heading", { name: w.title }).waitFor();
    assert.match(await page.locator(".council").innerText(), w.decided);
    // The exclusive group: its three options inside, shown with their sum.
    const group = page.getByRole("region", { name: w.group });
    const together = Number((await group.locator(".together .figure").innerText()).match(w.together)[1]);
    const members = await group.locator("section.result .advice .figure strong").allInnerTexts();
    assert.equal(members.length, 3);
    const sum = members.reduce((total, share) => total + parseInt(share, 10), 0);
    assert.ok(Math.abs(sum - together) <= 2, `the sum ${together}% is its options' ${members}`);
    // The most chosen first: every block's figure (a group's sum) at most the one before.
    const figures = await page.locator("main > .result-group > .together .figure strong, main > .result > .result-parts > .advice .figure strong")
      .allInnerTexts();
    const shares = figures.map((f) => parseInt(f, 10));
    assert.equal(shares.length, 7, `six options alone and one group: ${figures}`);
    assert.deepEqual(shares, [...shares].sort((a, b) => b - a), "ordered by support");
    const inGroup = members.map((f) => parseInt(f, 10));
    assert.deepEqual(inGroup, [...inGroup].sort((a, b) => b - a), "the group's options ordered by support");
    assert.equal(await page.locator("svg.bar[aria-hidden=true]").count(), 10, "a bar per option and for the group");
    // How sure, in words; the statistics' name stays out of the text.
    const garage = page.getByRole("region", { name: w.garage });
    const text = await garage.innerText();
    assert.match(text, w.between);
    assert.ok(text.includes(w.adopted), text);
    assert.doesNotMatch(await page.locator("main").innerText(), /interval/i);
    // The decision beside the advice on a wide screen, under it on a phone.
    const advice = await garage.locator(".advice").boundingBox();
    const answer = await garage.locator(".answer").boundingBox();
    if (size === "desktop") assert.ok(answer.x >= advice.x + advice.width && Math.abs(answer.y - advice.y) < 2, "beside");
    else assert.ok(answer.y >= advice.y + advice.height, "under");
    assert.equal(await page.locator("section.result .decision").count(), 9);
    assert.match(await page.getByRole("region", { name: w.enforcement }).innerText(), w.step);
    // The garage's reason exists in Dutch only: the English page says so with lang.
    if (lang === "en") assert.equal(await garage.locator(".answer p[lang=nl]").count(), 1);
    else assert.equal(await page.locator("main [lang]").count(), 0);
    await assertFits(page, `results-${size}`);
    // What reading the page costs: its words, its height, and how far down the first decision stands.
    recordEffort(`results-${lang}-${size}`, {
      words: await wordsOn(page),
      height: await page.evaluate(() => document.documentElement.scrollHeight),
      firstDecision: Math.round((await page.locator(".answer .decision").first().boundingBox()).y),
    });
    await checkPage(page, `results-council-${lang}-${size}`);
    await context.close();
  });

  test(`after the close the home page, a code and the receipt check lead to the outcome (${lang}, ${size})`, async () => {
    const context = await env.browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`${env.baseUrl}/?lang=${lang}`);
    assert.equal(await page.getByLabel(lang === "nl" ? /Uw code/ : /Your code/).isVisible(), false, "the code form is out of the way");
    await page.getByRole("link", { name: w.title }).waitFor();
    await assertFits(page, `landing-closed-${size}`);
    await checkPage(page, `landing-closed-${lang}-${size}`);
    await page.goto(`${env.baseUrl}/receipt?lang=${lang}`);
    await page.getByRole("link", { name: w.title }).waitFor();
    await assertFits(page, `receipt-closed-${size}`);
    await checkPage(page, `receipt-closed-${lang}-${size}`);
    await context.close();
  });
}

test("on a phone without JavaScript, one tap from the home page reaches the decision per option", async () => {
  const context = await env.browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${env.baseUrl}/?lang=nl`);
  await page.getByRole("link", { name: "Wat de raad met het advies deed" }).click();
  await page.waitForURL(/\/results\?lang=nl$/);
  assert.equal(await page.locator("section.result .answer .decision").count(), 9);
  assert.ok(await page.getByRole("region", { name: "Extra handhaving" }).getByText("Overgenomen").isVisible());
  await context.close();
});

test("a resident's code after the close, and a code already used, lead to the outcome and the receipt check", async () => {
  for (const [size, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
    const context = await env.browser.newContext({ viewport });
    const page = await context.newPage();
    // A mistyped code: the form opens again with the error, to be corrected.
    await enterCode(page, "K7QM-3XRT-9HD");
    assert.ok(await page.getByLabel(/Uw code/).isVisible(), "the form is open with its error");
    assert.match(await page.locator("#code-error").innerText(), /\S/);
    await enterCode(page, residentCodes.shift());
    await page.getByRole("heading", { name: "De raadpleging is gesloten" }).waitFor();
    await page.getByRole("link", { name: "Wat de raad met het advies deed" }).waitFor();
    await checkPage(page, `closed-code-${size}`);
    // A test household may still answer; once it has, its code leads to the receipt check.
    const code = env.code();
    await submit(page, code);
    await enterCode(page, code);
    await page.getByRole("heading", { name: "Uw huishouden heeft al meegedaan" }).waitFor();
    await page.getByRole("link", { name: "Wat de raad met het advies deed" }).waitFor();
    await checkPage(page, `already-sent-${size}`);
    await page.getByRole("link", { name: "Is mijn advies ontvangen?" }).first().click();
    await page.waitForURL(/\/receipt/);
    await context.close();
  }
});

test("the thank-you page after the close leads to the outcome, and the receipt keeps its groups whole", async () => {
  for (const [size, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
    const context = await env.browser.newContext({ viewport });
    const page = await context.newPage();
    const code = env.code();
    await enterCode(page, code);
    await page.waitForURL(/\/info\/1$/);
    await submit(page, code);
    await page.goto(`${env.baseUrl}/thanks`);
    await page.locator(".receipt").waitFor();
    const parts = await page.locator(".receipt span").evaluateAll((spans) => spans.map((s) => s.getClientRects().length));
    assert.deepEqual(parts, [1, 1, 1], "each group of four on one line");
    await page.getByRole("link", { name: "Wat de raad met het advies deed" }).waitFor();
    await checkPage(page, `thanks-closed-${size}`);
    await context.close();
  }
});
