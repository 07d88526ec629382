// "Controleer uw advies" as GOV.UK's check-your-answers: the check page
// shows the whole choice (effects, targets, spend against the budget, the
// charge), "Wijzigen" opens that one step and saving it returns straight
// to the check page, counted in page loads. And the motivation page: the
// chosen measures first, the others folded, a phone's page short. On a
// 390×844 phone in Dutch and a 1280×900 desktop in English; nothing wider
// than the screen, axe-core clean, screenshots of each page.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, checkPage, widerThanViewport, recordEffort, measure, PHONE, DESKTOP } from "./lib.mjs";

let env;
before(async () => { env = await startServer(); });
after(async () => { await env?.close(); });

const WORDS = {
  nl: {
    start: "Beginnen", code: /Uw code/, next: "Volgende", save: "Opslaan en verder", back: "Vorige",
    // Three measures that fit every version's budget and rules.
    three: ["Vergunningparkeren", "Afspraak met The Mall", "Pendelbus"],
    enforcement: "Extra handhaving", twoDays: /Twee dagen/, bus: "Pendelbus",
    fits: "✓ Uw keuze past binnen alle regels.", folded: /Maatregelen die u niet koos \(6\)/,
    background: [["Wat is uw leeftijd?", "45 tot 65 jaar"], [/huishouden eruit/, "Ik woon alleen"], [/auto's/, "Eén"]],
    statements: [/voldoende gelegenheid/, /uitleg was duidelijk/, /goed beeld/, /serieus iets doet/], agree: "4 – Eens",
    grade: /rapportcijfer/, change: "Wijzigen – Uw keuze", changeBackground: "Wijzigen – Over uw huishouden",
    effects: "Effecten en doelen", target: /Doel: .* – (gehaald|niet gehaald)/, charge: "Lasten per huishouden per jaar",
    spent: /Uitgegeven\s+€ [\d.]+ van € [\d.]+/, age: "Wat is uw leeftijd?", older: "65 jaar of ouder",
  },
  en: {
    start: "Start", code: /Your code/, next: "Next", save: "Save and continue", back: "Previous",
    three: ["Resident permit parking", "Agreement with The Mall", "Shuttle bus"],
    enforcement: "Extra enforcement", twoDays: /Two days/, bus: "Shuttle bus",
    fits: "✓ Your choice meets every rule.", folded: /Measures you did not choose \(6\)/,
    background: [["What is your age?", "45 to 64"], [/household look like/, "I live alone"], [/cars/, "One"]],
    statements: [/sufficient opportunity/, /explanation was clear/, /good picture/, /take the results seriously/], agree: "4 – Agree",
    grade: /grade/, change: "Change – Your choice", changeBackground: "Change – About your household",
    effects: "Effects and targets", target: /Target: .* – (met|not met)/, charge: "Charges per household per year",
    spent: /Spent\s+€[\d,]+ of €[\d,]+/, age: "What is your age?", older: "65 or older",
  },
};

const option = (page, title) => page.getByRole("group", { name: new RegExp(title) });

/** Does `action` on the choice page and waits for the live meter to follow it. */
async function settle(page, action) {
  const before = await page.locator("#meter-spent").textContent();
  await action();
  await page.waitForFunction((text) => document.getElementById("meter-spent")?.textContent !== text, before);
}

for (const [size, viewport, lang] of [["phone", PHONE, "nl"], ["desktop", DESKTOP, "en"]]) {
  test(`check your answers and the motivation page (${size}, ${lang})`, async () => {
    const w = WORDS[lang];
    const context = await env.browser.newContext({ viewport });
    const page = await context.newPage();
    const fits = async (name) => {
      assert.deepEqual(await widerThanViewport(page), [], `nothing on ${name} is wider than the ${size} screen`);
      await checkPage(page, `${name}-${size}`);
    };
    await page.goto(`${env.baseUrl}/?lang=${lang}`);
    await page.getByLabel(w.code).fill(env.code());
    await page.getByRole("button", { name: w.start }).click();
    await page.getByRole("button", { name: w.next }).click();
    await page.getByRole("button", { name: w.next }).click();
    await page.waitForURL(/\/choice$/);
    for (const title of w.three) await measure(page, new RegExp(title)).check();
    await page.locator("#meter").getByText(w.fits).waitFor();
    await page.getByRole("button", { name: w.save }).click();

    // The motivation page: three boxes open, six folded in one disclosure.
    await page.waitForURL(/\/motivation$/);
    const fold = page.locator("details.not-chosen");
    assert.match(await fold.locator("summary").innerText(), w.folded);
    assert.equal(await fold.getAttribute("open"), null, "the measures not chosen are folded");
    assert.equal(await page.locator("textarea:visible").count(), 3, "a box for each chosen measure");
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    recordEffort(`motivation page, 3 chosen, ${size}`, { height });
    await fits("motivation");
    // Text typed in a folded box is never hidden: the fold opens again with it.
    await fold.locator("summary").click();
    await fits("motivation-open");
    await fold.locator("textarea").first().fill("Te duur voor wat het oplevert.");
    await page.getByRole("button", { name: w.save }).click();
    await page.waitForURL(/\/background$/);
    await page.goto(`${env.baseUrl}/motivation`);
    assert.notEqual(await page.locator("details.not-chosen").getAttribute("open"), null, "a fold holding text is open");
    await page.getByRole("button", { name: w.save }).click();

    await page.waitForURL(/\/background$/);
    for (const [question, answer] of w.background) {
      await page.getByRole("group", { name: question }).getByLabel(answer, { exact: true }).check();
    }
    await page.getByRole("button", { name: w.save }).click();
    await page.waitForURL(/\/evaluation$/);
    for (const statement of w.statements) {
      await page.getByRole("group", { name: statement }).getByLabel(w.agree, { exact: true }).check();
    }
    await page.getByRole("group", { name: w.grade }).getByLabel("8", { exact: true }).check();
    await page.getByRole("button", { name: w.save }).click();

    // The check page: the choice with its effects and targets, spend against the budget, the charge.
    await page.waitForURL(/\/confirm$/);
    const choice = page.locator("section.summary").first();
    await choice.getByRole("heading", { name: w.effects }).waitFor();
    assert.match(await choice.innerText(), w.spent);
    assert.match(await choice.innerText(), w.target);
    await choice.getByText(w.charge).waitFor();
    await fits("confirm");

    // "Wijzigen" for the choice: that step alone, and back, counted in page loads.
    const loads = [];
    page.on("load", () => loads.push(new URL(page.url()).pathname + new URL(page.url()).search));
    await page.getByRole("link", { name: w.change }).click();
    await page.waitForURL(/\/choice\?from=confirm$/);
    await fits("choice-from-confirm");
    // A change that fits every version: enforcement added, or in its place the shuttle bus.
    await settle(page, () => option(page, w.enforcement).getByLabel(w.twoDays).check());
    if (!(await page.locator("#meter").getByText(w.fits).isVisible())) {
      await settle(page, () => option(page, w.bus).getByRole("checkbox").uncheck());
    }
    await page.locator("#meter").getByText(w.fits).waitFor();
    const chosen = await page.locator("fieldset.option:has(input:checked:not([value='0'])) legend").allInnerTexts();
    await page.getByRole("button", { name: w.save }).click();
    await page.waitForURL(/\/confirm$/);
    assert.deepEqual(loads, ["/choice?from=confirm", "/confirm"], "no later step was visited");
    const shown = await page.locator("section.summary").first().innerText();
    for (const title of chosen) assert.ok(shown.includes(title), `the check page shows the changed choice: ${title}`);

    // "Vorige" on a step opened from the check page returns there, unsaved steps untouched.
    loads.length = 0;
    await page.getByRole("link", { name: w.changeBackground }).click();
    await page.waitForURL(/\/background\?from=confirm$/);
    await page.getByRole("group", { name: w.age }).getByLabel(w.older).check();
    await page.getByRole("button", { name: w.back }).click();
    await page.waitForURL(/\/confirm$/);
    assert.deepEqual(loads, ["/background?from=confirm", "/confirm"]);
    await page.getByText(w.older).waitFor();
    await context.close();
  });
}
