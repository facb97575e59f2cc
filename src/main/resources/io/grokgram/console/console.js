"use strict";
// The console's only script (no inline scripts: the Content-Security-Policy forbids them). On the overview it fetches
// /admin/overview.json and draws the charts with uPlot, served from the jar. Each chart's element gets data-points:
// how many of its values are above zero, so a glance (or a test) tells an empty chart from a drawn one.
(function () {
  const charts = document.querySelectorAll(".chart");
  if (charts.length === 0 || typeof uPlot === "undefined") { return; }

  function width(el) { return Math.max(320, el.clientWidth || 560); }

  function draw(id, x, series, labels, options) {
    const el = document.getElementById("chart-" + id);
    if (!el) { return; }
    const colours = ["#2a7ae2", "#e2662a", "#2ab35e"];
    const plot = {
      width: width(el),
      height: 220,
      series: [{}].concat(labels.map(function (label, i) {
        return { label: label, stroke: colours[i % colours.length], width: 2,
                 fill: options && options.bars ? colours[i % colours.length] + "55" : undefined,
                 paths: options && options.bars ? uPlot.paths.bars({ size: [0.6, 60] }) : undefined };
      })),
      axes: options && options.categories
        ? [{ values: function (u, ticks) { return ticks.map(function (t) { return options.categories[t] || ""; }); } }, {}]
        : [{}, {}],
      scales: options && options.categories ? { x: { time: false } } : {},
    };
    new uPlot(plot, [x].concat(series), el);
    let points = 0;
    series.forEach(function (s) { s.forEach(function (v) { if (v > 0) { points++; } }); });
    el.dataset.points = String(points);
    el.classList.add("drawn");
  }

  fetch("/admin/overview.json", { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      const h = data.hours, d = data.days;
      draw("turns-hour", h.t, [h.values.turns], ["turns"]);
      draw("turns-day", d.t, [d.values.turns, d.values.users], ["turns", "active users"]);
      draw("latency", h.t, [h.values.p50, h.values.p99], ["p50 ms", "p99 ms"]);
      draw("first-visible", h.t, [h.values.firstVisible50, h.values.firstVisible99],
        ["first visible text p50 ms", "first visible text p99 ms"]);
      draw("first-token", h.t, [h.values.firstToken], ["first token p50 ms"]);
      const models = data.models.map(function (m) { return m.model; });
      const index = models.map(function (m, i) { return i; });
      draw("tokens", index, [
        data.models.map(function (m) { return m.promptTokens; }),
        data.models.map(function (m) { return m.cachedTokens; }),
        data.models.map(function (m) { return m.completionTokens; }),
      ], ["prompt", "cached", "completion"], { bars: true, categories: models });
      document.body.dataset.overview = "ready";
    })
    .catch(function (e) { document.body.dataset.overview = "failed: " + e; });
})();
