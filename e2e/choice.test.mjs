// The choice page as the resident's own list (issue 26): what is ticked
// shows in the meter at once and can be removed there, the status stays
// neutral until the resident asks to go on, every broken rule then comes
// with its fix, an exclusive group holds one, nothing is wider than the
// screen, and the focus never hides under the phone's bar.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, checkPage, tick, measure, PHONE, DESKTOP } from "./lib.mjs";

let env;
before(async () => { env = await startServer(); });
after(async () => { await env?.close(); });

const WORDS = {
  nl: { start: "Beginnen", next: "Volgende", save: "Opslaan en verder", remove: "Weghalen", none: "Geen van deze",
    code: /Uw code/, titles: [/Bewegwijzering/, /Afspraak met The Mall/, /Pendelbus/], regimes: [/Vergunningparkeren/, "Blauwe zone"],
    weak: /Fiets en openbaar vervoer/, add: /Kies er een van deze bij/, short: /Kies nog voor/ },
  en: { start: "Start", next: "Next", save: "Save and continue", remove: "Remove", none: "None of these",
    code: /Your code/, titles: [/Signs and routes/, /Agreement with The Mall/, /Shuttle bus/], regimes: [/Resident permit parking/, "Parking disc zone"],
    weak: /Encourage cycling/, add: /Add one of these/, short: /Choose measures for another/ },
};

async function openChoice(viewport, lang) {
  const context = await env.browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${env.baseUrl}/?lang=${lang}`);
  await page.getByLabel(WORDS[lang].code).fill(env.code());
  await page.getByRole("button", { name: WORDS[lang].start }).click();
  await page.getByRole("button", { name: WORDS[lang].next }).click();
  await page.getByRole("button", { name: WORDS[lang].next }).click();
  await page.waitForURL(/\/choice$/);
  return { context, page };
}

/** The chosen measure's line in the meter is on screen and not clipped by the list or the bar. */
async function assertChosenInView(page, title) {
  const line = page.locator("#chosen li").filter({ hasText: title });
  await line.waitFor();
  const seen = await line.evaluate((li) => {
    const box = li.getBoundingClientRect();
    const list = li.closest("ul").getBoundingClientRect();
    const bar = document.getElementById("meter-panel").getBoundingClientRect();
    const inside = (outer) => box.top >= outer.top - 1 && box.bottom <= outer.bottom + 1;
    return { inView: box.top >= 0 && box.bottom <= innerHeight, inList: inside(list), inBar: inside(bar) };
  });
  assert.deepEqual(seen, { inView: true, inList: true, inBar: true }, `${title} is not visible in the meter`);
}

/** Nothing on the page is wider than the viewport. */
async function assertNothingWider(page, what) {
  const wide = await page.evaluate(() => [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .slice(0, 3).map((el) => `${el.tagName}.${el.className}`));
  assert.deepEqual(wide, [], `${what}: elements wider than the viewport`);
}

for (const [viewport, lang, size] of [[PHONE, "nl", "phone"], [DESKTOP, "en", "desktop"]]) {
  const w = WORDS[lang];
  test(`${size}, ${lang}: every tick shows in the meter's list, removing there unticks, the first tick is no error, every broken rule comes with its fix`, async () => {
    const { context, page } = await openChoice(viewport, lang);
    await checkPage(page, `choice-empty-${size}`);
    await assertNothingWider(page, "nothing chosen");

    // The first tick is no error: the status is neutral.
    await tick(page, measure(page, w.titles[0]), "the first tick");
    assert.equal(await page.locator("#meter-status.problem, #meter .problem").count(), 0, "no red at the first tick");
    assert.doesNotMatch(await page.locator("#meter-status").textContent(), /✗/);
    await assertChosenInView(page, w.titles[0]);
    for (const title of w.titles.slice(1)) {
      await tick(page, measure(page, title), `ticking ${title}`);
      await assertChosenInView(page, title);
    }
    // An exclusive group is one choice: the second regime replaces the first.
    await tick(page, measure(page, w.regimes[0]), "the first regime");
    await assertChosenInView(page, w.regimes[0]);
    await tick(page, measure(page, w.regimes[1]), "the second regime");
    assert.ok(!(await measure(page, w.regimes[0]).isChecked()), "the group holds one");
    assert.equal(await page.locator("#chosen li").filter({ hasText: w.regimes[0] }).count(), 0);
    await assertChosenInView(page, w.regimes[1]);
    await checkPage(page, `choice-ticked-${size}`);
    await assertNothingWider(page, "ticked");

    // Removing from the meter's list unticks the measure, and the focus stays in the meter.
    await page.locator("#chosen").getByRole("button", { name: new RegExp(`${w.remove}: .*${w.titles[0].source}`) }).click();
    await page.waitForFunction(() => document.activeElement?.id === "meter-status");
    assert.ok(!(await measure(page, w.titles[0]).isChecked()), "removed from the list, unticked on the page");
    assert.equal(await page.locator("#chosen li").filter({ hasText: w.titles[0] }).count(), 0);
    await page.locator("#chosen").getByRole("button", { name: new RegExp(`${w.remove}: .*${w.regimes[1]}`) }).click();
    await page.waitForFunction(() => !document.querySelector("#chosen li[data-chosen=blauwe-zone]"));
    assert.ok(await page.getByRole("radio", { name: w.none }).isChecked(), "a group's member removed: none of them");

    // Two broken rules: both named after saving, each with what mends it, near the button.
    for (const title of w.titles.slice(1)) await measure(page, title).uncheck();
    await tick(page, measure(page, w.weak), "one weak measure");
    await page.getByRole("button", { name: w.save }).click();
    await page.getByRole("alert").waitFor();
    const items = page.getByRole("alert").getByRole("listitem");
    assert.equal(await items.count(), 2);
    assert.equal(await items.filter({ hasText: w.short }).count(), 1, "the minimum spend says how much to add");
    assert.equal(await items.filter({ hasText: w.add }).count(), 1, "the missed target names the measures that reach it");
    const landed = await page.getByRole("alert").evaluate((el) => {
      const box = el.getBoundingClientRect();
      return { top: box.top, scrollY, focused: document.activeElement === el };
    });
    assert.ok(landed.scrollY > 0 && landed.top >= -1 && landed.top < viewport.height && landed.focused,
      `the page lands on the summary, not at the top: ${JSON.stringify(landed)}`);
    await page.locator("#meter-status.problem").waitFor();
    await checkPage(page, `choice-two-rules-${size}`);
    await assertNothingWider(page, "two rules broken");
    await context.close();
  });
}

/** Tabs through every tab stop once; none may be covered by the bar (WCAG 2.2 2.4.11). */
async function assertFocusNeverUnderBar(page, what) {
  const seen = new Set();
  let stops = 0;
  for (let n = 0; n < 200; n += 1) {
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const box = el.getBoundingClientRect();
      const bar = document.getElementById("meter-panel");
      const barTop = bar.getBoundingClientRect().top;
      const key = el.id || `${el.tagName}:${el.name}:${el.value}:${el.textContent.trim().slice(0, 30)}`;
      return { key, inBar: bar.contains(el), covered: !bar.contains(el) && box.bottom > barTop + 1, bottom: box.bottom, barTop };
    });
    if (!focus) continue;
    if (seen.has(focus.key)) break;
    seen.add(focus.key);
    stops += 1;
    assert.ok(!focus.covered, `tab stop ${stops} (${focus.key}) is under the bar (${what}): ${JSON.stringify(focus)}`);
  }
  assert.ok(stops > 20, `only ${stops} tab stops`);
  console.log(`${what}: ${stops} tab stops, none under the bar`);
}

test("phone: no tab stop on the choice page is hidden under the bar, also with measures chosen", async () => {
  const { context, page } = await openChoice(PHONE, "nl");
  for (const title of WORDS.nl.titles) await tick(page, measure(page, title), `ticking ${title}`);
  await tick(page, measure(page, WORDS.nl.regimes[0]), "a regime");
  await assertFocusNeverUnderBar(page, "normal text");
  // With the text at 200% (the browser's default font size, as a resident sets it) the bar stays small.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Page.setFontSizes", { fontSizes: { standard: 32, fixed: 26 } });
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), "32px");
  const share = await page.evaluate(() => document.getElementById("meter-panel").getBoundingClientRect().height / innerHeight);
  assert.ok(share <= 0.36, `at 200% text the bar takes ${Math.round(share * 100)}% of the screen`);
  await page.locator("h1").focus();
  await assertFocusNeverUnderBar(page, "200% text");
  await context.close();
});

test("leaving the page with changes not yet saved asks first; saving does not", async () => {
  const { context, page } = await openChoice(PHONE, "nl");
  await tick(page, measure(page, WORDS.nl.titles[0]), "a tick");
  let asked = null;
  page.once("dialog", async (dialog) => { asked = dialog.type(); await dialog.dismiss(); });
  await page.goto(env.baseUrl + "/receipt").catch(() => {});
  assert.equal(asked, "beforeunload");
  assert.match(page.url(), /\/choice$/, "the resident stayed");
  page.on("dialog", () => assert.fail("saving asked about leaving"));
  await measure(page, /Garage|Afspraak/).check();
  await page.getByRole("button", { name: "Opslaan en verder" }).click();
  await page.getByRole("alert").or(page.getByRole("heading", { name: "Waarom?" })).first().waitFor();
  await context.close();
});
