// Measures the effort of the Mall survey's minimal path on a 390×844 phone in
// Dutch, page by page: the words a person reads (the page's visible text) and
// the page's height. Run against any build to compare before and after:
//   PWE_BIN=path/to/pwe node e2e/effort.mjs
// (the browser test records the same totals on every run).

import { startServer, wordsOn, PHONE } from "./lib.mjs";

const env = await startServer();
const page = await (await env.browser.newContext({ viewport: PHONE })).newPage();
const rows = [];
const measure = async () => {
  const path = new URL(page.url()).pathname;
  rows.push({ page: path, words: await wordsOn(page), height: await page.evaluate(() => document.documentElement.scrollHeight) });
};
const press = (name) => page.getByRole("button", { name, exact: true }).click();

await page.goto(env.baseUrl + "/");
await measure();
await page.getByLabel(/Uw code/).fill(env.code());
await press("Beginnen");
await page.waitForURL(/\/info\/1$/);
await measure();
await press("Volgende");
await page.waitForURL(/\/info\/2$/);
await measure();
await press("Volgende");
await page.waitForURL(/\/choice$/);
await measure();
const budget = await page.locator("main").innerText();
const titles = ["Vergunningparkeren", "Afspraak met The Mall", "Bewegwijzering"];
if (/1\.700\.000/.test(budget.match(/Budget[^\n]*\n?[^\n]*/)?.[0] ?? "") || /budget is € 1\.700\.000/.test(budget)) titles.push("Verkeerscirculatie");
for (const title of titles) await page.getByRole("group", { name: new RegExp(title) }).getByRole("checkbox").check();
await page.getByRole("group", { name: "Extra handhaving" }).getByLabel(/Twee dagen/).check();
await press("Opslaan en verder");
if (!/\/motivation$/.test(page.url())) {
  await page.getByRole("group", { name: /Verkeerscirculatie/ }).getByRole("checkbox").check();
  await press("Opslaan en verder");
}
await page.waitForURL(/\/motivation$/);
await measure();
await press("Opslaan en verder");
await page.waitForURL(/\/background$/);
await measure();
for (const [question, answer] of [["Wat is uw leeftijd?", "45 tot 65 jaar"], [/huishouden eruit/, "Ik woon alleen"], [/auto's/, "Eén"]]) {
  await page.getByRole("group", { name: question }).getByLabel(answer).check();
}
await press("Opslaan en verder");
await page.waitForURL(/\/evaluation$/);
await measure();
for (const statement of [/voldoende gelegenheid/, /uitleg was duidelijk/, /goed beeld/, /serieus iets doet/]) {
  await page.getByRole("group", { name: statement }).getByLabel("4 – Eens", { exact: true }).check();
}
await page.getByRole("group", { name: /rapportcijfer/ }).getByLabel("8", { exact: true }).check();
await press("Opslaan en verder");
await page.waitForURL(/\/confirm$/);
await measure();
await press("Advies insturen");
await page.waitForURL(/\/thanks$/);
await measure();
console.table(rows);
console.log(JSON.stringify({
  pages: rows.length,
  words: rows.reduce((sum, r) => sum + r.words, 0),
  tallest: Math.max(...rows.map((r) => r.height)),
}));
await env.close();
