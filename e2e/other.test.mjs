// The resident's flow without JavaScript and with the keyboard only, and the
// pages outside the flow (404, results, the receipt check), each checked
// with axe-core at phone and desktop size and photographed.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, checkPage, checkAccessibility, shot, measure, PHONE, DESKTOP } from "./lib.mjs";

let env;
before(async () => { env = await startServer(); });
after(async () => { await env?.close(); });

const regimes = ["Vergunningparkeren", "Afspraak met The Mall", "Bewegwijzering"];

test("without JavaScript the whole flow works, and Bereken opnieuw shows where you stand", async () => {
  const context = await env.browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(env.baseUrl + "/");
  await page.getByLabel(/Uw code/).fill(env.code());
  await page.getByRole("button", { name: "Beginnen" }).click();
  await page.getByRole("button", { name: "Volgende" }).click();
  await page.getByRole("button", { name: "Volgende" }).click();
  await page.waitForURL(/\/choice$/);
  // Saving nothing: the page comes back at the error summary after the options, not at the top.
  await page.getByRole("button", { name: "Opslaan en verder" }).click();
  await page.getByRole("alert").waitFor();
  const landed = await page.getByRole("alert").evaluate((el) => ({ top: el.getBoundingClientRect().top, scrollY }));
  assert.ok(landed.scrollY > 0 && landed.top >= -1 && landed.top < 844, `without the script the page lands on the summary: ${JSON.stringify(landed)}`);
  const budget = await page.locator("#meter-spent .of").textContent();
  const titles = /1\.700\.000/.test(budget) ? [...regimes, "Verkeerscirculatie"] : regimes;
  for (const title of titles) {
    await measure(page, new RegExp(title)).check();
  }
  await page.getByRole("group", { name: "Extra handhaving" }).getByLabel(/Twee dagen/).check();
  assert.match(await page.locator("#meter-spent").textContent(), /^€ 0 /, "without the script the meter waits");
  await page.locator("#meter").getByText("Zoals bij het laatste opslaan of berekenen").waitFor();
  await page.getByRole("button", { name: "Bereken opnieuw" }).click();
  await page.waitForURL(/\/choice#meter-panel$/);
  await page.locator("#meter").getByText("✓ Uw keuze past binnen alle regels.").waitFor();
  assert.doesNotMatch(await page.locator("#meter-spent").textContent(), /^€ 0 /);
  assert.ok(await page.getByRole("group", { name: /Bewegwijzering/ }).getByRole("checkbox").isChecked(), "the ticks are kept");
  // The remove button in the meter works without the script too.
  await page.locator("#meter").getByRole("button", { name: /Weghalen: Bewegwijzering/ }).click();
  await page.waitForURL(/\/choice#option-bewegwijzering$/);
  assert.ok(!(await page.getByRole("group", { name: /Bewegwijzering/ }).getByRole("checkbox").isChecked()), "removed from the meter, unticked");
  assert.equal(await page.locator("#meter [data-chosen=bewegwijzering]").count(), 0);
  await page.getByRole("group", { name: /Bewegwijzering/ }).getByRole("checkbox").check();
  // (axe-core and the reflow check run scripts, which this context refuses; the JS runs check the same page.)
  await shot(page, "choice-recalculated-nojs-phone");
  await page.getByRole("button", { name: "Opslaan en verder" }).click();
  await page.waitForURL(/\/motivation$/);
  await page.getByRole("button", { name: "Opslaan en verder" }).click();
  await page.waitForURL(/\/background$/);
  await page.getByRole("group", { name: "Wat is uw leeftijd?" }).getByLabel("65 jaar of ouder").check();
  await page.getByRole("group", { name: /huishouden eruit/ }).getByLabel(/Met kinderen/).check();
  await page.getByRole("group", { name: /auto's/ }).getByLabel("Twee of meer").check();
  await page.getByRole("button", { name: "Opslaan en verder" }).click();
  await page.waitForURL(/\/evaluation$/);
  for (const statement of [/voldoende gelegenheid/, /uitleg was duidelijk/, /goed beeld/, /serieus iets doet/]) {
    await page.getByRole("group", { name: statement }).getByLabel("3 – Neutraal", { exact: true }).check();
  }
  await page.getByRole("group", { name: /rapportcijfer/ }).getByLabel("6", { exact: true }).check();
  await page.getByRole("button", { name: "Opslaan en verder" }).click();
  await page.waitForURL(/\/confirm$/);
  await page.getByRole("button", { name: "Advies insturen" }).click();
  await page.waitForURL(/\/thanks$/);
  await page.locator(".receipt").waitFor();
  await context.close();
});

/** Presses Tab until `locator` has the focus (at most `limit` times), then `key`. */
async function tabTo(page, locator, key) {
  const target = await locator.elementHandle();
  for (let n = 0; n < 400; n += 1) {
    if (await page.evaluate((el) => document.activeElement === el, target)) {
      if (key) await page.keyboard.press(key);
      return;
    }
    await page.keyboard.press("Tab");
  }
  assert.fail(`Tab never reaches ${locator}`);
}

test("with the keyboard only, a household completes the whole consultation", async () => {
  const context = await env.browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto(env.baseUrl + "/");
  await tabTo(page, page.getByLabel(/Uw code/));
  await page.keyboard.type(env.code());
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/info\/1$/);
  await tabTo(page, page.getByRole("button", { name: "Volgende" }), "Enter");
  await page.waitForURL(/\/info\/2$/);
  await tabTo(page, page.getByRole("button", { name: "Volgende" }), "Enter");
  await page.waitForURL(/\/choice$/);
  const budget = await page.locator("#meter-spent .of").textContent();
  const titles = /1\.700\.000/.test(budget) ? [...regimes, "Verkeerscirculatie"] : regimes;
  for (const title of titles) {
    const input = measure(page, new RegExp(title));
    if (await input.getAttribute("type") === "checkbox") {
      await tabTo(page, input, "Space");
      continue;
    }
    // An exclusive group is one radio group: Tab reaches its chosen radio, the arrows move the choice.
    await tabTo(page, page.getByRole("radio", { name: "Geen van deze" }));
    for (let n = 0; n < 4 && !(await input.isChecked()); n += 1) await page.keyboard.press("ArrowDown");
  }
  // A radio group takes the arrow keys: from "Niet kiezen" one step on is "Twee dagen per week".
  await tabTo(page, page.getByRole("group", { name: "Extra handhaving" }).getByLabel("Niet kiezen"), "ArrowDown");
  await page.locator("#meter").getByText("✓ Uw keuze past binnen alle regels.").waitFor();
  await tabTo(page, page.getByRole("button", { name: "Opslaan en verder" }), "Enter");
  await page.waitForURL(/\/motivation$/);
  await tabTo(page, page.getByLabel(/Waarom adviseert u deze maatregel\?/).first());
  await page.keyboard.type("Met het toetsenbord ingevuld.");
  await tabTo(page, page.getByRole("button", { name: "Opslaan en verder" }), "Enter");
  await page.waitForURL(/\/background$/);
  for (const [question, answer] of [["Wat is uw leeftijd?", "Jonger dan 25 jaar"], [/huishouden eruit/, "Ik woon alleen"], [/auto's/, "Geen"]]) {
    await tabTo(page, page.getByRole("group", { name: question }).getByLabel(answer), "Space");
  }
  await tabTo(page, page.getByRole("button", { name: "Opslaan en verder" }), "Enter");
  await page.waitForURL(/\/evaluation$/);
  for (const statement of [/voldoende gelegenheid/, /uitleg was duidelijk/, /goed beeld/, /serieus iets doet/]) {
    await tabTo(page, page.getByRole("group", { name: statement }).getByLabel("1 – Helemaal oneens", { exact: true }), "Space");
  }
  await tabTo(page, page.getByRole("group", { name: /rapportcijfer/ }).getByLabel("0", { exact: true }), "Space");
  await tabTo(page, page.getByRole("button", { name: "Opslaan en verder" }), "Enter");
  await page.waitForURL(/\/confirm$/);
  await page.getByText("Met het toetsenbord ingevuld.").waitFor();
  await tabTo(page, page.getByRole("button", { name: "Advies insturen" }), "Enter");
  await page.waitForURL(/\/thanks$/);
  await context.close();
});

test("an unknown address, the results and the receipt check are pages of their own, accessible at both sizes", async () => {
  for (const [size, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
    const context = await env.browser.newContext({ viewport });
    const page = await context.newPage();
    const missing = await page.goto(env.baseUrl + "/bestaat-niet");
    assert.equal(missing.status(), 404);
    await page.getByRole("heading", { name: "Deze pagina bestaat niet" }).waitFor();
    await checkPage(page, `not-found-${size}`);
    await page.goto(env.baseUrl + "/results?lang=en");
    await page.getByRole("heading", { name: "Results" }).waitFor();
    await checkPage(page, `results-${size}`);
    await page.goto(env.baseUrl + "/receipt");
    await checkAccessibility(page, "receipt check, empty");
    await context.close();
  }
});
