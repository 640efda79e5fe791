// The tactic click the profiling scripts time (bench.mjs times the same way: dispatch, let
// queued tasks run with setTimeout 0, force a layout). Shared by profile.mjs, click-metrics.mjs
// and first-click.mjs.
export const timedTacticClick = (page, tactic = "web-stings") =>
  page.evaluate(async (t) => {
    const t0 = performance.now();
    document.querySelector(`input[value=${t}]`).click();
    await new Promise((r) => setTimeout(r, 0));
    void document.body.offsetHeight;
    return performance.now() - t0;
  }, tactic);
