// The visitor's safety controls (issue 26): Quick exit leaves no way Back to the explorer, an
// Escape that closes something is not counted toward "Escape twice", and a Quick exit control is
// on screen wherever the visitor has scrolled, on the full page and in an embed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, waitForFirstView, ARTIFACTS } from "./harness.mjs";

const EXIT = "https://www.weather.gov/";
const BEFORE = "<!doctype html><meta name=\"viewport\" content=\"width=device-width\"><title>Before</title><link rel=\"icon\" href=\"data:,\"><p>the page before";
let app, browser;
before(async () => {
  app = await serve({ csp: true, extra: { "/before.html": { body: BEFORE, type: "text/html" } } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await app?.close();
});

/** Answers the neutral exit site locally, so leaving works without the internet. */
async function fakeExitSite(p) {
  p.allow(new URL(EXIT).origin);
  await p.page.route(`${EXIT}**`, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<title>Weather</title>neutral" }));
}

/** Resolves once every task queued before it has run (the guard counts an Escape in a task). */
const settled = (target) => target.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => r()), 0)));

/** Two filters, a profile and a sort, each a step of its own in the URL. */
async function browse(root, waitUrl) {
  const tactics = root.locator("input[name=tactic]:visible");
  await tactics.nth(0).check();
  await waitUrl(/tactics=/);
  await tactics.nth(1).check();
  await waitUrl(/tactics=[^&]*%2C|tactics=[^&]*,/);
  await root.locator("tbody button.place").first().click();
  await root.locator("[data-testid=profile]").waitFor({ timeout: 30000 });
  await waitUrl(/place=/);
  await root.locator("[data-testid=matrix] button.sort[data-sort=total]").click();
  await waitUrl(/sort=total/);
}

async function exitBy(how, page, root) {
  if (how === "button") {
    await root.locator(".topbar a.quick-exit").click();
  } else {
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
  }
}

/**
 * On the neutral site after Quick exit: Back goes to the page before the explorer, and Forward,
 * through every later entry, never stays on the explorer (its entries leave at once).
 */
async function afterExit(p, before) {
  const length = await p.page.evaluate(() => history.length);
  await p.page.goBack();
  assert.equal(p.page.url(), before, "Back goes to the page before the explorer");
  for (let i = 1; i < length; i++) {
    await p.page.goForward();
    await p.page.waitForURL(EXIT);
  }
}

for (const how of ["button", "escape"]) {
  test(`full page, ${how}: after filters, a profile and a sort, Quick exit leaves and Back never shows the explorer`, async () => {
    const p = await openPage(browser, { allowedOrigins: [app.origin] });
    await fakeExitSite(p);
    await p.page.goto(app.url("before.html"));
    await p.page.goto(app.url());
    const pre = await waitForFirstView(p.page);
    const waitUrl = (re) => p.page.waitForFunction((s) => new RegExp(s).test(location.search), re.source);
    await browse(p.page.locator("body"), waitUrl);
    assert.ok(pre, "the first view was live before the app took over");
    assert.ok(await p.page.evaluate(() => history.state.tacticsDepth >= 3), "the explorer's entries are numbered");
    await exitBy(how, p.page, p.page);
    await p.page.waitForURL(EXIT);
    await afterExit(p, app.url("before.html"));
    p.assertClean(assert);
    await p.close();
  });
}

test("Back after a reload at a later entry: Quick exit still leaves no explorer entry", async () => {
  const p = await openPage(browser, { allowedOrigins: [app.origin] });
  await fakeExitSite(p);
  await p.page.goto(app.url("before.html"));
  await p.page.goto(app.url());
  await waitForFirstView(p.page);
  const tactics = p.page.locator("input[name=tactic]:visible");
  await tactics.nth(0).check();
  await p.page.waitForFunction(() => history.state && history.state.tacticsDepth === 1);
  await tactics.nth(1).check();
  await p.page.waitForFunction(() => history.state && history.state.tacticsDepth === 2);
  await p.page.reload();
  await waitForFirstView(p.page);
  await p.page.locator(".topbar a.quick-exit").first().click();
  await p.page.waitForURL(EXIT);
  await afterExit(p, app.url("before.html"));
  p.assertClean(assert);
  await p.close();
});

/** A host page on another origin with the explorer in an auto-height frame. */
function hostPage(src, withScript) {
  const resize = withScript
    ? `<script src="${app.url("embed-host.js")}"></script>`
    : // A host that sizes the frame with its own code (docs/EMBED.md), without the helper.
      `<script>addEventListener("message", (e) => { if (e.data && e.data.type === "tactics-explorer:resize") document.querySelector("iframe").style.height = e.data.height + "px"; });</script>`;
  return `<!doctype html><meta name="viewport" content="width=device-width, initial-scale=1"><title>Task force</title><link rel="icon" href="data:,"><h1>Our county</h1>
    <p>Some words of the task force's page.</p>
    <iframe src="${src}" title="Explorer" data-tactics-explorer style="width:100%;height:300px;border:0"></iframe>
    <p>The end of the task force's page.</p>${resize}`;
}

async function withHost(withScript, src, run) {
  const host = await serve({ extra: { "/host.html": { body: hostPage(src, withScript), type: "text/html" }, "/before.html": { body: BEFORE, type: "text/html" } } });
  try {
    await run(host);
  } finally {
    await host.close();
  }
}

for (const [withScript, how] of [[true, "button"], [true, "escape"], [false, "button"], [false, "escape"]]) {
  test(`embed ${withScript ? "with" : "without"} the host script, ${how}: the frame adds no host history, and Quick exit leaves`, async () => {
    await withHost(withScript, app.url("?embed=1"), async (host) => {
      const p = await openPage(browser, { allowedOrigins: [host.origin, app.origin] });
      await fakeExitSite(p);
      await p.page.goto(`${host.origin}/before.html`);
      await p.page.goto(`${host.origin}/host.html`);
      const length = await p.page.evaluate(() => history.length);
      const frame = p.page.frameLocator("iframe");
      await frame.locator("[data-testid=matrix-table] tbody tr").first().waitFor({ timeout: 30000 });
      const inner = p.page.frames().find((f) => f !== p.page.mainFrame());
      const waitUrl = (re) => inner.waitForFunction((s) => new RegExp(s).test(location.search), re.source);
      await browse(frame.locator("body"), waitUrl);
      assert.equal(await p.page.evaluate(() => history.length), length, "no entry added to the host page's history");
      if (how === "escape") await frame.locator("[data-testid=matrix] button.sort[data-sort=total]").focus();
      await exitBy(how, p.page, frame);
      if (withScript || how === "button") {
        // The whole host page is replaced (a click lets the frame do it; the helper does it after Escape).
        await p.page.waitForURL(EXIT);
        await p.page.goBack();
        assert.equal(p.page.url(), `${host.origin}/before.html`, "Back goes to the page before the host page");
      } else {
        // Without the helper, Escape can only replace the frame (browsers let a frame of another
        // site navigate the page only after a click); the host page's Back is untouched.
        assert.ok(await until(() => p.page.frames().some((f) => f.url() === EXIT)), "the frame shows the neutral site");
        assert.equal(await p.page.evaluate(() => history.length), length);
        await p.page.goBack();
        assert.equal(p.page.url(), `${host.origin}/before.html`, "Back leaves the host page, not an explorer state");
      }
      p.assertClean(assert);
      await p.close();
    });
  });
}

test("an Escape that closes a dialog or panel, or clears the search, is not counted toward twice", async () => {
  const p = await openPage(browser, { allowedOrigins: [app.origin] });
  await fakeExitSite(p);
  await p.page.goto(app.url("?place=missoula-mt"));
  await p.page.locator("[data-testid=matrix-table] tbody tr").first().waitFor({ timeout: 30000 });
  const stays = async (what) => {
    await settled(p.page);
    assert.equal(await p.page.evaluate(() => document.documentElement.style.visibility), "", `${what}: still here`);
    assert.match(p.page.url(), /^http:\/\/127/, `${what}: still here`);
  };
  // A cell's sources (a dialog): focus moves in, Escape closes it and gives focus back to the cell.
  const cell = p.page.locator("[data-testid=matrix-table] tbody button[data-cell]").first();
  await cell.click();
  await p.page.getByTestId("sources-panel").waitFor();
  await p.page.waitForFunction(() => document.activeElement.id === "sources-title");
  await p.page.keyboard.press("Escape");
  await p.page.getByTestId("sources-panel").waitFor({ state: "detached" });
  assert.equal(await p.page.evaluate(() => document.activeElement.hasAttribute("data-cell")), true, "focus is back on the cell");
  await p.page.keyboard.press("Escape");
  await stays("sources closed, then one more Escape");
  // The help panel: Escape closes it, focus on its toggle; one more Escape does not leave.
  await p.page.getByRole("button", { name: "Get help" }).click();
  await p.page.locator("#help-panel a").first().focus();
  await p.page.keyboard.press("Escape");
  await p.page.locator("#help-panel").waitFor({ state: "hidden" });
  assert.equal(await p.page.evaluate(() => document.activeElement.classList.contains("help-toggle")), true);
  await p.page.keyboard.press("Escape");
  await stays("help closed, then one more Escape");
  // The profile: Escape with focus in it closes it.
  await p.page.locator("[data-testid=profile] button[data-action=close]").focus();
  await p.page.keyboard.press("Escape");
  await p.page.getByTestId("profile").waitFor({ state: "detached" });
  await p.page.keyboard.press("Escape");
  await stays("profile closed, then one more Escape");
  // The search box: the first Escape clears it.
  await p.page.locator("#q").fill("miss");
  await p.page.keyboard.press("Escape");
  await p.page.waitForFunction(() => document.querySelector("#q").value === "");
  await p.page.keyboard.press("Escape");
  await stays("search cleared, then one more Escape");
  // Two Escapes that close nothing leave.
  await p.page.keyboard.press("Escape");
  await p.page.waitForURL(EXIT);
  p.assertClean(assert);
  await p.close();
});

/** Whether a visible Quick exit of `frame` (its viewport offset by `offset`) lies inside [0, height]. */
async function exitInView(frame, offset, width, height) {
  return frame.evaluate(([dy, w, h]) => [...document.querySelectorAll("a.quick-exit")].some((a) => {
    const r = a.getBoundingClientRect();
    const style = getComputedStyle(a);
    return r.width >= 44 && r.height >= 44 && style.visibility === "visible" && style.display !== "none" &&
      r.top + dy >= 0 && r.bottom + dy <= h && r.left >= 0 && r.right <= w;
  }), [offset, width, height]);
}

/** Polls `check` for up to `ms` (the control follows the scroll by the next frames). */
async function until(check, ms = 3000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 30));
  }
}

for (const [name, query] of [["the default view", ""], ["a profile", "?place=missoula-mt"]]) {
  test(`390x844 with touch: a Quick exit is on screen at every scroll position of ${name}`, async () => {
    const p = await openPage(browser, { width: 390, height: 844, touch: true, allowedOrigins: [app.origin] });
    await p.page.goto(app.url(query));
    if (query) await p.page.getByTestId("profile").waitFor({ timeout: 30000 });
    else await waitForFirstView(p.page);
    const total = await p.page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(total > 2000, `a long page (${total} px)`);
    for (let y = 0; y <= total; y += 400) {
      await p.page.evaluate((top) => window.scrollTo(0, top), y);
      assert.ok(await until(() => exitInView(p.page.mainFrame(), 0, 390, 844)), `at ${y} px`);
    }
    await screenshotView(p.page, `safety-390-${query ? "profile" : "default"}`, total / 2);
    p.assertClean(assert);
    await p.close();
  });
}

for (const withScript of [true, false]) {
  test(`390x844 with touch: a Quick exit is on screen at every scroll position of an auto-height embed ${withScript ? "with" : "without"} the host script`, async () => {
    await withHost(withScript, app.url("?embed=1&place=missoula-mt"), async (host) => {
      const p = await openPage(browser, { width: 390, height: 844, touch: true, allowedOrigins: [host.origin, app.origin] });
      await p.page.goto(`${host.origin}/host.html`);
      await p.page.frameLocator("iframe").locator("[data-testid=profile]").waitFor({ timeout: 30000 });
      await p.page.waitForFunction(() => document.querySelector("iframe").getBoundingClientRect().height > 3000);
      const inner = p.page.frames().find((f) => f !== p.page.mainFrame());
      const total = await p.page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0; y <= total; y += 400) {
        await p.page.evaluate((top) => window.scrollTo(0, top), y);
        const ok = await until(async () => {
          const box = await p.page.evaluate(() => document.querySelector("iframe").getBoundingClientRect().top);
          // Only where the frame is on screen: above and below it is the host's page.
          const visible = await p.page.evaluate(() => {
            const r = document.querySelector("iframe").getBoundingClientRect();
            return Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
          });
          return visible < 150 || (await exitInView(inner, box, 390, 844));
        });
        assert.ok(ok, `host scrolled to ${y} px`);
      }
      if (withScript) await screenshotView(p.page, "safety-390-embed", total / 2);
      p.assertClean(assert);
      await p.close();
    });
  });
}

test("1280 px screenshots: default, profile, embed scrolled halfway", async () => {
  const p = await openPage(browser, { width: 1280, height: 900, allowedOrigins: [app.origin] });
  await p.page.goto(app.url());
  await waitForFirstView(p.page);
  await screenshotView(p.page, "safety-1280-default", 1500);
  await p.page.goto(app.url("?place=missoula-mt"));
  await p.page.getByTestId("profile").waitFor({ timeout: 30000 });
  await screenshotView(p.page, "safety-1280-profile", 1200);
  // The help panel: each place to get help, what it is for, then how to reach it.
  await p.page.getByRole("button", { name: "Get help" }).click();
  await p.page.locator("#help-panel:not([hidden])").waitFor();
  await screenshotView(p.page, "safety-1280-help", 0);
  // An entry about children waits behind its content note.
  await p.page.goto(app.url("?place=missoula-county-mt"));
  const noted = p.page.locator(".timeline li.noted").first();
  await noted.waitFor({ timeout: 30000 });
  assert.equal(await noted.locator("details").evaluate((d) => d.open), false);
  assert.match(await noted.locator("summary").textContent(), /Content note/);
  assert.equal(await noted.getByText("offering a child").isVisible(), false, "the entry is not shown before the note is opened");
  await noted.scrollIntoViewIfNeeded();
  await p.page.screenshot({ path: path.join(ARTIFACTS, "safety-1280-content-note.png") });
  p.assertClean(assert);
  await p.close();
  await withHost(true, app.url("?embed=1&place=missoula-mt"), async (host) => {
    const q = await openPage(browser, { width: 1280, height: 900, allowedOrigins: [host.origin, app.origin] });
    await q.page.goto(`${host.origin}/host.html`);
    await q.page.frameLocator("iframe").locator("[data-testid=profile]").waitFor({ timeout: 30000 });
    await q.page.waitForFunction(() => document.querySelector("iframe").getBoundingClientRect().height > 2000);
    const total = await q.page.evaluate(() => document.documentElement.scrollHeight);
    await screenshotView(q.page, "safety-1280-embed", total / 2);
    q.assertClean(assert);
    await q.close();
  });
});

/** A screenshot of the viewport scrolled to `y`, once the corner control has followed. */
async function screenshotView(page, name, y) {
  await page.evaluate((top) => window.scrollTo(0, top), y);
  for (const f of page.frames()) await settled(f);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}
