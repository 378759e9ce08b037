// Draws the charts of a figures page with Chart.js from the JSON next to each chart. The table
// under each chart holds the same figures and is what readers get without JavaScript; hidden
// (suppressed) figures are gaps here and "<5" or "×" there.
(function () {
  "use strict";
  // Okabe–Ito: told apart with the common colour-vision deficiencies; dashes and point shapes
  // keep series apart in greyscale print too.
  const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];
  const DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
  const POINTS = ["circle", "rect", "triangle", "rectRot", "crossRot", "star"];

  function draw(holder) {
    const source = document.getElementById(holder.dataset.chart);
    if (!source || !window.Chart) return;
    const data = JSON.parse(source.textContent);
    const rtl = document.documentElement.dir === "rtl";
    const lang = document.documentElement.lang;
    const kind = data.kind;
    const donut = kind === "donut";
    const type = donut ? "doughnut" : kind === "line" ? "line" : "bar";
    const datasets = data.series.map(function (series, index) {
      const colour = COLOURS[index % COLOURS.length];
      return {
        label: series.name,
        data: series.values,
        backgroundColor: donut ? data.categories.map(function (_, i) { return COLOURS[i % COLOURS.length]; }) : colour,
        borderColor: donut ? "#ffffff" : colour,
        borderDash: DASHES[index % DASHES.length],
        pointStyle: POINTS[index % POINTS.length],
        pointRadius: 4,
        spanGaps: false,
      };
    });
    const canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", holder.dataset.label);
    holder.appendChild(canvas);
    holder.hidden = false;
    const stacked = kind === "stacked_bar";
    new window.Chart(canvas, {
      type: type,
      data: { labels: data.categories, datasets: datasets },
      options: {
        locale: lang,
        animation: false,
        maintainAspectRatio: false,
        layout: { padding: 12 },
        plugins: {
          legend: { rtl: rtl, display: donut || datasets.length > 1, labels: { usePointStyle: true } },
          tooltip: { rtl: rtl },
        },
        scales: donut ? {} : {
          x: { stacked: stacked, reverse: rtl },
          y: { stacked: stacked, beginAtZero: true, position: rtl ? "right" : "left", title: { display: !!data.unit, text: data.unit } },
        },
      },
    });
  }

  document.querySelectorAll("[data-chart]").forEach(draw);
})();
