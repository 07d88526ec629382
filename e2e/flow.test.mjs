// The resident's whole flow as a person does it, in a real headless Chromium
// against `pwe serve`: on a 390×844 phone in Dutch, on a 1280×900 desktop in
// English. Every page type is checked with axe-core (no violation at all),
// for reflow at 320 px with 200% text, and photographed to e2e/screenshots/.
// The phone run also measures the effort (pages, clicks, words, tallest page).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startServer, checkPage, checkAccessibility, shot, tick, assertStatusInView, wordsOn, recordEffort, measure, PHONE, DESKTOP,
} from "./lib.mjs";

let env;
before(async () => { env = await startServer(); });
after(async () => { await env?.close(); });

const option = (page, title) => page.getByRole("group", { name: title });

/** The options that fit every rule in the household's version (its budget tells which). */
async function fittingChoice(page) {
  const spent = await page.locator("#meter-spent").textContent();
  const titles = ["Vergunningparkeren", "Afspraak met The Mall", "Bewegwijzering"];
  if (/1[.,]700[.,]000/.test(spent)) titles.push("Verkeerscirculatie");
  return titles;
}

test("on a phone, in Dutch: the rules are explained, every tick shows where you stand, errors lead to the field, nothing typed is lost, and the receipt can be checked", async () => {
  const context = await env.browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const effort = { pages: 0, clicks: 0, words: 0, tallest: 0 };
  const visited = async (name) => {
    effort.pages += 1;
    effort.words += await wordsOn(page);
    effort.tallest = Math.max(effort.tallest, await page.evaluate(() => document.documentElement.scrollHeight));
    await checkPage(page, `${name}-phone`);
  };
  const click = async (locator) => { effort.clicks += 1; await locator.click(); };

  // A mistyped code: the summary takes the focus, the field says what is wrong, and keeps what was typed.
  await page.goto(env.baseUrl + "/");
  await visited("landing");
  const code = env.code();
  const typo = code.slice(0, -1) + (code.endsWith("2") ? "3" : "2");
  await page.getByLabel(/Uw code/).fill(typo);
  await page.getByRole("button", { name: "Beginnen" }).click();
  await page.locator("#code-error").getByText(/één teken verkeerd overgenomen/).waitFor();
  assert.equal(await page.getByLabel(/Uw code/).inputValue(), typo, "the typed code is kept");
  assert.match(await page.title(), /^Fout: /);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "errors", "the error summary has the focus");
  await page.getByRole("alert").getByRole("link").click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "code", "the summary's link leads to the field");
  await checkPage(page, "landing-error-phone");

  await page.getByLabel(/Uw code/).fill(code);
  await click(page.getByRole("button", { name: "Beginnen" }));
  await page.waitForURL(/\/info\/1$/);
  await visited("info");
  await click(page.getByRole("button", { name: "Volgende" }));
  await page.waitForURL(/\/info\/2$/);
  effort.pages += 1;
  effort.words += await wordsOn(page);
  await click(page.getByRole("button", { name: "Volgende" }));
  await page.waitForURL(/\/choice$/);

  // The rules in words before the task (behind "Zo werkt het" on a phone); nothing chosen yet.
  await page.getByText("Zo werkt het").click();
  await page.getByText(/U geeft dus minstens € \d\.\d{3}\.000 en hooguit/).waitFor();
  await page.getByText(/parkeerdruk in de woonstraten minstens 10% omlaag/).waitFor();
  await assertStatusInView(page, "opening the choice task");
  await visited("choice");

  // A second regime replaces the first: the group is one choice. The first tick is no error.
  await tick(page, measure(page, /Vergunningparkeren/), "ticking the first regime");
  assert.equal(await page.locator("#meter .problem, #meter-status.problem").count(), 0, "the first tick shows no error");
  await tick(page, measure(page, "Blauwe zone"), "ticking a second regime");
  assert.ok(!(await measure(page, /Vergunningparkeren/).isChecked()), "a group holds one");

  // Sending an unfinished choice: the summary, near the button, names every broken rule with its fixes.
  await measure(page, "Blauwe zone").uncheck().catch(() => {});
  await page.getByRole("radio", { name: "Geen van deze" }).check();
  await tick(page, measure(page, /Fiets en openbaar vervoer/), "ticking one measure");
  await page.getByRole("button", { name: "Opslaan en verder" }).click();
  await page.getByRole("alert").waitFor();
  assert.match(page.url(), /\/choice$/);
  assert.match(await page.title(), /^Fout: /);
  const problems = page.getByRole("alert").getByRole("listitem");
  assert.equal(await problems.count(), 2, "both broken rules are named");
  // Each with what mends it: an amount to add, the measures that reach the target.
  assert.equal(await problems.filter({ hasText: /Kies nog voor € [\d.]+ aan maatregelen/ }).count(), 1);
  await problems.filter({ hasText: /Parkeerdruk/ }).getByText(/Kies er een van deze bij/).waitFor();
  await page.locator("#meter-status.problem").waitFor();
  await checkPage(page, "choice-error-phone");
  await measure(page, /Fiets en openbaar vervoer/).uncheck();

  // The language switch keeps ticks not yet saved.
  await tick(page, measure(page, /Betaald parkeren voor bezoekers/), "ticking paid parking");
  await page.getByRole("button", { name: "English" }).click();
  await page.getByText("How it works").waitFor();
  assert.ok(await measure(page, /Paid parking for visitors/).isChecked(), "an unsaved tick survives the language switch");
  await checkPage(page, "choice-english-phone");
  await page.getByRole("button", { name: "Nederlands" }).click();
  await page.getByText("Zo werkt het").waitFor();
  await page.getByRole("radio", { name: "Geen van deze" }).check();

  // A choice that fits, each tick in view.
  for (const title of await fittingChoice(page)) {
    const box = measure(page, new RegExp(title));
    if (!(await box.isChecked())) { effort.clicks += 1; await tick(page, box, `ticking ${title}`); }
  }
  effort.clicks += 1;
  await tick(page, option(page, "Extra handhaving").getByLabel(/Twee dagen/), "choosing a level");
  await page.locator("#meter").getByText("✓ Uw keuze past binnen alle regels.").waitFor();
  await click(page.getByRole("button", { name: "Opslaan en verder" }));
  await page.waitForURL(/\/motivation$/);
  await visited("motivation");

  // "Vorige" keeps a motivation typed but not yet saved.
  const box = page.getByLabel(/Waarom adviseert u deze maatregel\?/).first();
  await box.fill("Minder zoekverkeer in mijn straat.");
  await page.getByText(/^\d+ tekens over$/).first().waitFor();
  await page.getByRole("button", { name: "Vorige" }).click();
  await page.waitForURL(/\/choice$/);
  await page.getByRole("button", { name: "Opslaan en verder" }).click();
  await page.waitForURL(/\/motivation$/);
  assert.equal(await page.getByLabel(/Waarom adviseert u deze maatregel\?/).first().inputValue(), "Minder zoekverkeer in mijn straat.");
  await click(page.getByRole("button", { name: "Opslaan en verder" }));

  // Background: a missing answer is named at the top, linked, and said next to the question; why it is asked is shown.
  await page.waitForURL(/\/background$/);
  await visited("background");
  await page.getByText(/Waarom vragen we dit\? Zo zien we of alle leeftijden meedoen/).waitFor();
  await page.getByRole("group", { name: /huishouden eruit/ }).getByLabel("Ik woon alleen").check();
  await page.getByRole("button", { name: "Opslaan en verder" }).click();
  await page.getByRole("alert").waitFor();
  const missing = page.getByRole("alert").getByRole("link").first();
  assert.equal(await missing.getAttribute("href"), "#bg-leeftijd");
  await missing.click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "bg-leeftijd");
  assert.ok(await page.getByRole("group", { name: /huishouden eruit/ }).getByLabel("Ik woon alleen").isChecked(), "answers given are kept");
  await checkPage(page, "background-error-phone");
  for (const [question, answer] of [["Wat is uw leeftijd?", "45 tot 65 jaar"], [/huishouden eruit/, "Ik woon alleen"], [/auto's/, "Eén"]]) {
    effort.clicks += 1;
    await page.getByRole("group", { name: question }).getByLabel(answer).check();
  }
  await click(page.getByRole("button", { name: "Opslaan en verder" }));

  await page.waitForURL(/\/evaluation$/);
  await visited("evaluation");
  for (const statement of [/voldoende gelegenheid/, /uitleg was duidelijk/, /goed beeld/, /serieus iets doet/]) {
    effort.clicks += 1;
    await page.getByRole("group", { name: statement }).getByLabel("4 – Eens", { exact: true }).check();
  }
  effort.clicks += 1;
  await page.getByRole("group", { name: /rapportcijfer/ }).getByLabel("8", { exact: true }).check();
  await click(page.getByRole("button", { name: "Opslaan en verder" }));

  // The check page shows every section with a way to change it.
  await page.waitForURL(/\/confirm$/);
  await visited("confirm");
  for (const heading of ["Uw keuze", "Waarom?", "Over uw huishouden", "Wat vond u van deze raadpleging?"]) {
    await page.getByRole("heading", { name: heading }).waitFor();
  }
  await page.getByText("Minder zoekverkeer in mijn straat.").waitFor();
  await page.getByText("45 tot 65 jaar").waitFor();
  await page.getByText("4 – Eens").first().waitFor();
  assert.equal(await page.getByRole("link", { name: /Wijzigen/ }).count(), 4);
  await click(page.getByRole("button", { name: "Advies insturen" }));

  await page.waitForURL(/\/thanks$/);
  await visited("thanks");
  const receipt = (await page.locator(".receipt").textContent()).trim();
  assert.match(receipt, /^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
  recordEffort("Mall survey, phone, Dutch, minimal path", effort);

  // The promise on the thank-you page is kept: the receipt can be checked, and says nothing else.
  await page.getByRole("link", { name: "Is mijn advies ontvangen?" }).first().click();
  await page.getByLabel("Uw ontvangstbewijs").fill(receipt.toLowerCase());
  await page.getByRole("button", { name: "Nagaan" }).click();
  await page.getByText(/Ja: een advies met dit ontvangstbewijs is ontvangen op \d{1,2} [a-z]+ \d{4}\./).waitFor();
  await checkPage(page, "receipt-phone");
  await page.getByLabel("Uw ontvangstbewijs").fill("0000-0000-0000");
  await page.getByRole("button", { name: "Nagaan" }).click();
  await page.getByText(/Wij vinden geen advies met dit ontvangstbewijs/).waitFor();
  await checkAccessibility(page, "receipt page, not found");
  await context.close();
});

test("on a desktop, in English: the side panel follows every tick, and the whole flow is accessible", async () => {
  const context = await env.browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto(env.baseUrl + "/?lang=en");
  await checkPage(page, "landing-desktop");
  await page.getByLabel(/Your code/).fill(env.code());
  await page.getByRole("button", { name: "Start" }).click();
  await page.waitForURL(/\/info\/1$/);
  await checkPage(page, "info-desktop");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.waitForURL(/\/choice$/);
  await page.getByText(/So you spend at least €\d,\d{3},000 and at most/).waitFor();
  await page.getByText(/The municipality's target: .*down by at least 10%/).waitFor();
  await checkPage(page, "choice-desktop");
  for (const title of ["Resident permit parking", "Agreement with The Mall", "Signs and routes", "Traffic circulation"]) {
    await tick(page, measure(page, new RegExp(title)), `ticking ${title}`);
  }
  await tick(page, option(page, "Extra enforcement").getByLabel(/Every day/), "choosing a level");
  // Whatever the version, this is over or within: the meter says which in words, and the units are English.
  await page.locator("#meter").getByText(/Your choice meets every rule|Not finished/).waitFor();
  await page.locator("#meter").getByText(/euro per year/).waitFor();
  // Two parking regimes cannot be held: the second replaces the first.
  await tick(page, measure(page, "Parking disc zone"), "ticking a second regime");
  assert.ok(!(await measure(page, /Resident permit parking/).isChecked()));
  await tick(page, measure(page, /Resident permit parking/), "ticking the first regime again");
  // Back to a choice that fits in every version.
  await option(page, /Traffic circulation/).getByRole("checkbox").uncheck();
  await option(page, "Extra enforcement").getByLabel(/Two days/).check();
  if (/1,700,000/.test(await page.locator("#meter-spent").textContent())) {
    await option(page, /Traffic circulation/).getByRole("checkbox").check();
  }
  await page.locator("#meter").getByText("✓ Your choice meets every rule.").waitFor();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await page.waitForURL(/\/motivation$/);
  await checkPage(page, "motivation-desktop");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await page.waitForURL(/\/background$/);
  await checkPage(page, "background-desktop");
  await page.getByRole("group", { name: "What is your age?" }).getByLabel("25 to 44").check();
  await page.getByRole("group", { name: /household look like/ }).getByLabel(/without children/).check();
  await page.getByRole("group", { name: /cars/ }).getByLabel("None").check();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await page.waitForURL(/\/evaluation$/);
  await checkPage(page, "evaluation-desktop");
  for (const statement of [/sufficient opportunity/, /explanation was clear/, /good picture/, /take the results seriously/]) {
    await page.getByRole("group", { name: statement }).getByLabel("5 – Strongly agree", { exact: true }).check();
  }
  await page.getByRole("group", { name: /grade/ }).getByLabel("7", { exact: true }).check();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await page.waitForURL(/\/confirm$/);
  await page.getByText("No explanation given").waitFor();
  await checkPage(page, "confirm-desktop");
  await page.getByRole("button", { name: "Submit advice" }).click();
  await page.waitForURL(/\/thanks$/);
  await checkPage(page, "thanks-desktop");
  await page.getByRole("link", { name: "Was my advice received?" }).first().click();
  await checkPage(page, "receipt-desktop");
  await context.close();
});

test("stop and continue later: the session ends at once, and the code brings the household back", async () => {
  const context = await env.browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto(env.baseUrl + "/");
  const code = env.code();
  await page.getByLabel(/Uw code/).fill(code);
  await page.getByRole("button", { name: "Beginnen" }).click();
  await page.waitForURL(/\/info\/1$/);
  await page.getByRole("button", { name: "Stoppen en later verder" }).click();
  await page.getByRole("heading", { name: "U kunt later verder" }).waitFor();
  await checkPage(page, "stopped-phone");
  await page.goto(env.baseUrl + "/choice");
  await page.getByLabel(/Uw code/).waitFor();
  await page.getByLabel(/Uw code/).fill(code);
  await page.getByRole("button", { name: "Beginnen" }).click();
  await page.waitForURL(/\/info\/1$/);
  await shot(page, "resumed-phone");
  await context.close();
});
