// The results page after the council's decision: a closed consultation whose
// database `pwe simulate --db` filled, served with the council's answer
// (fixtures/mall-parkeren.response.toml). Per option the residents' advice
// beside the decision and its reason, in Dutch and English, at phone and
// desktop size, axe-core clean; the page works without JavaScript.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pwe, survey, repo, startServer, checkPage, PHONE, DESKTOP } from "./lib.mjs";

let env;
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
    prepare: (dir, served) => execFileSync(pwe, ["simulate", "--survey", served, "--population",
      join(repo, "fixtures", "mall-buurten.csv"), "--n", "300", "--seed", "4", "--db", "sqlite://pwe.sqlite"],
    { cwd: dir, stdio: "pipe" }),
    args: ["--response", join(repo, "fixtures", "mall-parkeren.response.toml")],
  });
});
after(async () => { await env?.close(); });

test("after the close the results stay private until the operator publishes them", async () => {
  const page = await env.browser.newPage({ viewport: PHONE });
  await page.goto(`${env.baseUrl}/results`);
  assert.match(await page.locator("main").innerText(), /De gemeente controleert de uitkomsten/);
  assert.equal(await page.locator("section.result").count(), 0);
  const published = execFileSync(pwe, ["results", "publish", "--survey", env.survey], { cwd: env.dir, encoding: "utf8" });
  assert.match(published, /are public on \/results/);
  await page.reload();
  assert.equal(await page.locator("section.result").count(), 9);
  await page.close();
});

for (const [size, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
  for (const lang of ["nl", "en"]) {
    test(`the results show advice and decision per option (${lang}, ${size})`, async () => {
      const context = await env.browser.newContext({ viewport, javaScriptEnabled: size === "desktop" });
      const page = await context.newPage();
      await page.goto(`${env.baseUrl}/results?lang=${lang}`);
      const words = lang === "nl"
        ? { title: "Wat de raad met het advies deed", decided: /Besloten op 24 juni 2027/, adopted: "Overgenomen",
          garage: "Afspraak met The Mall over goedkoper parkeren in de garages", advice: /\d+% koos deze maatregel \(95%-interval \d+% tot \d+%\)/ }
        : { title: "What the council did with the advice", decided: /Decided on 24 June 2027/, adopted: "Adopted",
          garage: "Agreement with The Mall on cheaper car park rates", advice: /\d+% chose this measure \(95% interval \d+% to \d+%\)/ };
      await page.getByRole("heading", { name: words.title }).waitFor();
      assert.match(await page.locator(".council").innerText(), words.decided);
      const garage = page.getByRole("region", { name: words.garage });
      const text = await garage.innerText();
      assert.match(text, words.advice);
      assert.ok(text.includes(words.adopted), text);
      // Nine options, each with the council's answer.
      assert.equal(await page.locator("section.result").count(), 9);
      assert.equal(await page.locator("section.result .decision").count(), 9);
      const steps = await page.getByRole("region", { name: lang === "nl" ? "Extra handhaving" : "Extra enforcement" }).innerText();
      assert.match(steps, lang === "nl" ? /1 augustus 2027: Extra handhavers in dienst \(gedaan\)/ : /1 August 2027: Extra enforcement officers hired \(done\)/);
      if (size === "desktop") await checkPage(page, `results-council-${lang}-${size}`);
      else {
        const width = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
        assert.ok(width[0] <= width[1], `no sideways scrolling: ${width}`);
      }
      await context.close();
    });
  }
}

test("a resident checking a receipt after the decision is led to the council's answer", async () => {
  const context = await env.browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto(`${env.baseUrl}/receipt?receipt=0000-0000-0000`);
  await page.getByRole("link", { name: "Wat de raad met het advies deed" }).click();
  await page.waitForURL(/\/results\?lang=nl$/);
  await page.getByRole("heading", { name: "Wat de raad met het advies deed" }).waitFor();
  await context.close();
});
