// careerkpi pages: charts from the options the server wrote into each
// .chart element's data-option, filter forms that apply on change, drop
// zones for uploads and confirmations of what cannot be taken back.
// Served by careerkpi itself, like ECharts: nothing loads from elsewhere.
"use strict";

(function () {
  var lang = document.body.dataset.lang || "en";
  var withheld = document.body.dataset.withheld || "not enough responses";
  var number = new Intl.NumberFormat(lang === "ja" ? "ja-JP" : "en-US", { maximumFractionDigits: 2 });
  var oneDecimal = new Intl.NumberFormat(lang === "ja" ? "ja-JP" : "en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  // format writes a value in its unit, as the tiles do.
  function format(unit, v) {
    if (v === null || v === undefined || v === "-" || (typeof v === "number" && isNaN(v))) {
      return withheld;
    }
    if (Array.isArray(v)) { // a boxplot item: [low, rate, rate, rate, high]
      return number.format(v[2]) + "% (" + number.format(v[0]) + "–" + number.format(v[4]) + ")";
    }
    switch (unit) {
      case "percent": return number.format(v) + "%";
      case "jpy": return "¥" + number.format(v);
      case "points": return (v > 0 ? "+" : "") + number.format(v);
      default: return number.format(v);
    }
  }

  function initChart(el) {
    var option;
    try {
      option = JSON.parse(el.dataset.option);
    } catch (e) {
      el.textContent = "";
      return;
    }
    var unit = el.dataset.unit;
    option.tooltip = option.tooltip || {};
    option.tooltip.valueFormatter = function (v) { return format(unit, v); };
    // Series names and labels come from the data: ECharts writes them as
    // text, and the tooltip escapes them.
    option.tooltip.renderMode = "html";
    // Every name of a vertical category axis (departments, items) is
    // written: the chart is made tall enough for them.
    [].concat(option.yAxis || []).forEach(function (axis) {
      if (axis.type === "category") {
        axis.axisLabel = Object.assign({}, axis.axisLabel, { interval: 0 });
      }
    });
    // A heatmap's cells read as the tables do: 4.0, not 4.
    [].concat(option.series || []).forEach(function (s) {
      if (s.type === "heatmap") {
        s.label = Object.assign({}, s.label, { formatter: function (p) { return oneDecimal.format(p.value[2]); } });
      }
    });
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function start() {
    var charts = document.querySelectorAll(".chart[data-option]");
    if (typeof echarts !== "undefined") {
      charts.forEach(initChart);
    }
    document.body.dataset.charts = String(charts.length);

    document.querySelectorAll("form[data-autosubmit] select").forEach(function (s) {
      s.addEventListener("change", function () { s.form.submit(); });
    });

    document.querySelectorAll("form[data-confirm]").forEach(function (f) {
      f.addEventListener("submit", function (e) {
        if (!window.confirm(f.dataset.confirm)) {
          e.preventDefault();
        }
      });
    });

    // A form that takes a while (a check, a load) is sent once and says
    // that it is working; its buttons stay as they are, so the one pressed
    // is still sent.
    document.querySelectorAll("form[data-busy]").forEach(function (f) {
      var sent = false;
      f.addEventListener("submit", function (e) {
        if (sent) {
          e.preventDefault();
          return;
        }
        sent = true;
        f.setAttribute("aria-busy", "true");
        var note = f.querySelector("[data-busy-note]");
        if (note) {
          note.hidden = false;
        }
      });
      // back to a page the browser kept: the form can be sent again
      window.addEventListener("pageshow", function (e) {
        if (e.persisted) {
          sent = false;
          f.removeAttribute("aria-busy");
          var note = f.querySelector("[data-busy-note]");
          if (note) {
            note.hidden = true;
          }
        }
      });
    });

    document.querySelectorAll("[data-drop]").forEach(function (zone) {
      var input = zone.querySelector("input[type=file]");
      ["dragenter", "dragover"].forEach(function (t) {
        zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.add("over"); });
      });
      ["dragleave", "drop"].forEach(function (t) {
        zone.addEventListener(t, function () { zone.classList.remove("over"); });
      });
      zone.addEventListener("drop", function (e) {
        e.preventDefault();
        if (e.dataTransfer && e.dataTransfer.files.length) {
          input.files = e.dataTransfer.files;
          zone.querySelector("p").textContent = Array.prototype.map.call(input.files, function (f) { return f.name; }).join(", ");
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
