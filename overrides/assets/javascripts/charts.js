/*
 * Draws the hub's charts: every `.hub-chart` holds a plotly figure as JSON in `data-figure`
 * (see site_builder/charts.py). plotly.js is served from this site, beside this file, and is
 * fetched only when a chart comes near the screen, so a long report stays quick to open.
 * Charts are set up on Material's `document$` (so after instant navigation too), take their
 * colours from the light or dark palette, and are redrawn when the palette changes. Until a
 * chart is drawn, and on paper, its drawing made at build time shows instead; a `.hub-print`
 * button opens the print dialog.
 */
(function () {
  "use strict";

  // Resolved now: `currentScript` is only set while this file runs. Works from any page depth
  // and under any base path, since it is relative to this script's own URL.
  var here = document.currentScript ? document.currentScript.src : document.baseURI;
  var PLOTLY_URL = new URL("plotly-basic.min.js", here).href;
  var CONFIG = {
    responsive: true,
    // No mode bar: its buttons inside a role="img" chart are nested controls (WCAG 4.1.2),
    // and the data table beside each chart is the way to read exact values.
    displayModeBar: false,
    displaylogo: false,
    showLink: false,
    showSendToCloud: false,
    showEditInChartStudio: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"],
  };
  var loading = null;

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = PLOTLY_URL;
        tag.onload = function () { resolve(window.Plotly); };
        tag.onerror = function () { loading = null; reject(new Error("cannot load " + PLOTLY_URL)); };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  // A CSS colour (custom properties resolved) as rgb()/rgba(), which plotly always reads.
  function colour(name, fallback) {
    var probe = document.createElement("span");
    probe.style.color = "var(" + name + ", " + fallback + ")";
    probe.hidden = true;
    document.body.appendChild(probe);
    var value = getComputedStyle(probe).color;
    probe.remove();
    return value;
  }

  function palette() {
    return {
      font: getComputedStyle(document.body).fontFamily,
      text: colour("--md-default-fg-color", "#333"),
      grid: colour("--md-default-fg-color--lightest", "#ddd"),
      series: [colour("--hub-chart-1", "#3949ab"), colour("--hub-chart-2", "#b71c1c"),
        colour("--hub-chart-3", "#00695c")],
    };
  }

  function styled(figure, colours) {
    var data = figure.data.map(function (trace, i) {
      var colour = colours.series[i % colours.series.length];
      trace.line = Object.assign({}, trace.line, { color: colour });
      trace.marker = Object.assign({}, trace.marker, { color: colour });
      return trace;
    });
    var axis = { color: colours.text, gridcolor: colours.grid, linecolor: colours.grid,
      zerolinecolor: colours.grid };
    var layout = Object.assign({}, figure.layout, {
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)",
      font: { family: colours.font, color: colours.text },
      hoverlabel: { font: { family: colours.font } },
      autosize: true,
    });
    layout.xaxis = Object.assign({}, figure.layout.xaxis, axis);
    layout.yaxis = Object.assign({}, figure.layout.yaxis, axis);
    return { data: data, layout: layout };
  }

  // One chart at a time, yielding between them, so a page of many charts stays responsive.
  var queue = Promise.resolve();

  function draw(charts) {
    queue = queue.then(function () {
      return loadPlotly();
    }).then(function (Plotly) {
      var colours = palette();
      return charts.reduce(function (done, el) {
        return done.then(function () {
          if (!el.isConnected) return null;
          var figure = styled(JSON.parse(el.getAttribute("data-figure")), colours);
          return Plotly.react(el, figure.data, figure.layout, CONFIG);
        }).then(function () {
          return new Promise(function (resolve) { setTimeout(resolve, 0); });
        });
      }, Promise.resolve());
    }).catch(function (error) { console.warn(error); });
    return queue;
  }

  function allCharts() {
    return Array.prototype.slice.call(document.querySelectorAll(".hub-chart"));
  }

  var observer = null;

  function observerFor() {
    if (!observer) {
      observer = new IntersectionObserver(function (entries) {
        var near = entries.filter(function (e) { return e.isIntersecting; })
          .map(function (e) { observer.unobserve(e.target); return e.target; });
        if (near.length) draw(near);
      }, { rootMargin: "100% 0px" });
    }
    return observer;
  }

  // Watch every chart not yet watched: each draws when it comes within a screen of the
  // viewport. Called on Material's `document$` and whenever content is swapped in, since
  // instant navigation may replace the content after `document$` has fired.
  function render() {
    var fresh = allCharts().filter(function (el) { return !el.hasAttribute("data-hub-watched"); });
    if (!fresh.length) return;
    fresh.forEach(function (el) { el.setAttribute("data-hub-watched", ""); });
    if (!("IntersectionObserver" in window)) { draw(fresh); return; }
    fresh.forEach(function (el) { observerFor().observe(el); });
  }

  // Redraw the charts already drawn (palette change).
  function redraw() {
    var drawn = allCharts().filter(function (el) { return el.classList.contains("js-plotly-plot"); });
    if (drawn.length) draw(drawn);
  }

  function drawAll() {
    var waiting = allCharts().filter(function (el) { return !el.classList.contains("js-plotly-plot"); });
    waiting.forEach(function (el) { if (observer) observer.unobserve(el); });
    return draw(waiting);
  }

  // The report's "Print" button. Paper shows each chart's drawing made at build time (see
  // site_builder/drawing.py), so printing waits for nothing.
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest(".hub-print") : null;
    if (!button) return;
    event.preventDefault();
    window.print();
  });
  window.hubCharts = { drawAll: drawAll };

  function resize() {
    if (!window.Plotly) return;
    document.querySelectorAll(".hub-chart.js-plotly-plot").forEach(function (el) {
      window.Plotly.Plots.resize(el);
    });
  }

  if (window.document$) window.document$.subscribe(render);
  else render();
  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; render(); });
  }).observe(document.body, { childList: true, subtree: true });
  new MutationObserver(redraw).observe(document.body,
    { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  window.addEventListener("beforeprint", resize);
  window.addEventListener("afterprint", resize);
  window.matchMedia("print").addEventListener("change", resize);
})();
