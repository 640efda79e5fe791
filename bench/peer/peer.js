// The benchmark's peer page: the dataset file read with fetch, a place x tactic table in
// DataTables (25 rows a page), 15 tactic checkboxes (a place must use every checked tactic),
// a name search, and a Chart.js line chart of the headline series. Written the way a plain
// DataTables page would be, so bench/bench.mjs can time both pages the same way.
"use strict";

const param = new URLSearchParams(location.search).get("data");
// Only a relative path on this origin, like the explorer's data= parameter.
const url = param && /^[\w./-]+$/.test(param) && !param.includes("..") ? param : "data/dataset.json";

const CELL = { used: "Used", not_found: "Not found" };

/** One row per place: name, population, total, then each tactic's state; `mask` for the filter. */
function rows(ds) {
  const tacticPos = new Map(ds.tactics.map((t, i) => [t.id, i]));
  const placePos = new Map(ds.jurisdictions.map((j, i) => [j.id, i]));
  const cells = ds.jurisdictions.map(() => new Array(ds.tactics.length).fill(""));
  const masks = new Array(ds.jurisdictions.length).fill(0);
  for (const u of ds.uses) {
    const p = placePos.get(u.place);
    const t = tacticPos.get(u.tactic);
    if (p === undefined || t === undefined) continue;
    cells[p][t] = CELL[u.status] || "";
    if (u.status === "used") masks[p] |= 1 << t;
  }
  return ds.jurisdictions.map((j, p) => {
    const total = cells[p].filter((c) => c === "Used").length;
    const pop = j.population ? j.population.value : null;
    return { mask: masks[p], cols: [j.name, pop, total, ...cells[p]] };
  });
}

function tacticBoxes(ds, onChange) {
  const box = document.getElementById("tactics");
  ds.tactics.forEach((t, i) => {
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = "checkbox";
    input.value = t.id;
    input.dataset.bit = String(i);
    input.addEventListener("change", onChange);
    label.append(input, " ", t.name);
    box.append(label);
  });
}

function checkedMask() {
  let mask = 0;
  for (const el of document.querySelectorAll("#tactics input:checked")) mask |= 1 << Number(el.dataset.bit);
  return mask;
}

function table(ds, data) {
  const head = document.getElementById("head");
  for (const name of ["Place", "Population", "Total", ...ds.tactics.map((t) => t.name)]) {
    const th = document.createElement("th");
    th.textContent = name;
    head.append(th);
  }
  let want = 0;
  // DataTables' row filter hook: every checked tactic must be used.
  DataTable.ext.search.push((settings, _data, index) => (data[index].mask & want) === want);
  const dt = new DataTable("#matrix", {
    data: data.map((r) => r.cols),
    pageLength: 25,
    deferRender: true,
    searching: true,
    layout: { topStart: null, topEnd: null },
    columns: [
      { title: "Place" },
      { title: "Population", render: (v, type) => (v === null ? (type === "display" ? "—" : -1) : v) },
      { title: "Total" },
      ...ds.tactics.map(() => ({ orderable: true })),
    ],
  });
  tacticBoxes(ds, () => { want = checkedMask(); dt.draw(); });
  document.getElementById("q").addEventListener("input", (e) => dt.column(0).search(e.target.value).draw());
}

function chart(ds) {
  const state = ds.series.find((s) => s.place === "montana") || ds.series[0];
  if (!state) return;
  // One point per period (sources may disagree; the first one listed is drawn).
  const byPeriod = new Map();
  for (const o of state.observations) if (!byPeriod.has(o.period)) byPeriod.set(o.period, o);
  const obs = [...byPeriod.values()].sort((a, b) => a.period - b.period);
  new Chart(document.getElementById("chart"), {
    type: "line",
    data: {
      labels: obs.map((o) => String(o.period)),
      datasets: [{ label: `${state.name} (${state.unit})`, data: obs.map((o) => o.value) }],
    },
    options: { animation: false, responsive: false },
  });
  document.getElementById("caption").textContent = state.definition;
}

fetch(url)
  .then((r) => { if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`); return r.json(); })
  .then((ds) => {
    const data = rows(ds);
    table(ds, data);
    chart(ds);
    document.getElementById("status").textContent = `${ds.jurisdictions.length} places`;
  })
  .catch((e) => { document.getElementById("status").textContent = `Could not load the data: ${e.message}`; });
