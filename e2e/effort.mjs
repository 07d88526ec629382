// Measures the effort of a realistic path through the Mall survey on a
// 390×844 phone in Dutch, page by page: the words a person reads (the page's
// visible text), the page's height, the taps (clicks and key presses the
// script makes; filling a field counts as one) and, on the choice page, the
// scrolling (the script scrolls explicitly to each control it uses, and the
// changes of window.scrollY are summed). The path ticks a choice, breaks a
// rule (one measure too many: over the budget), fixes it, looks at the page
// in English once and back, goes through every step, and on the check page
// uses "Wijzigen" for the choice and comes back. Run against any build:
//   PWE_BIN=path/to/pwe node e2e/effort.mjs
// (the browser test records its own totals on every run).

import { startServer, wordsOn, measure, PHONE } from "./lib.mjs";

const env = await startServer();
const page = await (await env.browser.newContext({ viewport: PHONE })).newPage();
const rows = [];
let taps = 0;
let choiceScroll = 0;
const visit = async () => {
  const path = new URL(page.url()).pathname;
  rows.push({ page: path, words: await wordsOn(page), height: await page.evaluate(() => document.documentElement.scrollHeight) });
};
/** Scrolls to the control as a resident would, counting the distance on the choice page, then uses it. */
const use = async (locator, action = (l) => l.click()) => {
  const before = await page.evaluate(() => window.scrollY);
  await locator.scrollIntoViewIfNeeded();
  const after = await page.evaluate(() => window.scrollY);
  if (new URL(page.url()).pathname === "/choice") choiceScroll += Math.abs(after - before);
  if (process.env.EFFORT_LOG) console.log(new URL(page.url()).pathname, before, after, String(locator));
  taps += 1;
  await action(locator);
};
const button = (name) => page.getByRole("button", { name, exact: true });
const press = (name) => use(button(name));
const settle = () => page.waitForLoadState("networkidle");

await page.goto(env.baseUrl + "/");
await visit();
await use(page.getByLabel(/Uw code/), (l) => l.fill(env.code()));
await press("Beginnen");
await page.waitForURL(/\/info\/1$/);
await visit();
await press("Volgende");
await page.waitForURL(/\/info\/2$/);
await visit();
await press("Volgende");
await page.waitForURL(/\/choice$/);
await visit();
const choiceHeight = rows.at(-1).height;

// A choice, and one measure too many: over what may be spent.
const budget = await page.locator("#meter-spent .of").textContent();
const titles = ["Vergunningparkeren", "Afspraak met The Mall", "Bewegwijzering"];
if (/1\.700\.000/.test(budget)) titles.push("Verkeerscirculatie");
for (const title of titles) { await use(measure(page, new RegExp(title)), (l) => l.check()); await settle(); }
await use(page.getByRole("group", { name: "Extra handhaving" }).getByLabel(/Twee dagen/), (l) => l.check());
await settle();
await use(measure(page, /Pendelbus/), (l) => l.check());
await settle();
await press("Opslaan en verder");
await page.getByRole("alert").waitFor();
// The fix: remove it from the meter's list (or, on a build without one, untick it on the page).
const remove = page.locator("#chosen").getByRole("button", { name: /Pendelbus/ });
if (await remove.count()) await use(remove); else await use(measure(page, /Pendelbus/), (l) => l.uncheck());
await settle();
// A look at the English words, and back.
await press("English");
await page.waitForURL(/lang=en/);
await press("Nederlands");
await page.waitForURL(/lang=nl/);
await press("Opslaan en verder");
await page.waitForURL(/\/motivation$/);
await visit();
await press("Opslaan en verder");
await page.waitForURL(/\/background$/);
await visit();
for (const [question, answer] of [["Wat is uw leeftijd?", "45 tot 65 jaar"], [/huishouden eruit/, "Ik woon alleen"], [/auto's/, "Eén"]]) {
  await use(page.getByRole("group", { name: question }).getByLabel(answer), (l) => l.check());
}
await press("Opslaan en verder");
await page.waitForURL(/\/evaluation$/);
await visit();
for (const statement of [/voldoende gelegenheid/, /uitleg was duidelijk/, /goed beeld/, /serieus iets doet/]) {
  await use(page.getByRole("group", { name: statement }).getByLabel("4 – Eens", { exact: true }), (l) => l.check());
}
await use(page.getByRole("group", { name: /rapportcijfer/ }).getByLabel("8", { exact: true }), (l) => l.check());
await press("Opslaan en verder");
await page.waitForURL(/\/confirm$/);
await visit();
// "Wijzigen" for the choice, and back to the check page (straight, or through the steps on a build that goes on).
await use(page.getByRole("link", { name: /Wijzigen.*Uw keuze/ }));
await page.waitForURL(/\/choice/);
await press("Opslaan en verder");
while (!/\/confirm$/.test(new URL(page.url()).pathname)) {
  await page.waitForLoadState();
  if (/\/confirm$/.test(page.url())) break;
  await press("Opslaan en verder");
  await page.waitForLoadState();
}
await press("Advies insturen");
await page.waitForURL(/\/thanks$/);
await visit();
console.table(rows);
console.log(JSON.stringify({
  pages: new Set(rows.map((r) => r.page)).size,
  words: rows.reduce((sum, r) => sum + r.words, 0),
  tallest: Math.max(...rows.map((r) => r.height)),
  choiceHeight,
  taps,
  choiceScroll: Math.round(choiceScroll),
}));
await env.close();
