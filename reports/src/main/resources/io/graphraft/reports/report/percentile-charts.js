// The interactive percentile charts of report.html: uPlot (inlined above) configured from the page's JSON.
// uPlot's own legend shows values on hover and hides or shows a trial when its entry is clicked.
(function () {
  var data = JSON.parse(document.getElementById('graphraft-data').textContent);
  var holder = document.getElementById('charts');
  var logBox = document.getElementById('log-y');
  var palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
    '#bcbd22', '#17becf', '#393b79', '#ad494a', '#637939', '#8c6d31', '#843c39', '#7b4173'];
  var plots = [];
  var hidden = {};

  function percentile(x) {
    return 'p' + Number((100 - 100 / x).toFixed(4));
  }

  // Label the decades only (p0, p90, p99, p99.9, ...): uPlot's log axis also ticks every value between them.
  function decade(x) {
    var exponent = Math.log10(x);
    return Math.abs(exponent - Math.round(exponent)) < 1e-9 ? percentile(x) : '';
  }

  function micros(v) {
    if (v == null) return '–';
    if (v < 1) return (v * 1000).toFixed(0) + ' ns';
    if (v < 1000) return v.toFixed(v < 10 ? 2 : 0) + ' µs';
    if (v < 1e6) return (v / 1000).toFixed(2) + ' ms';
    return (v / 1e6).toFixed(2) + ' s';
  }

  function draw() {
    plots.forEach(function (p) {
      p.series.forEach(function (s, i) { if (i > 0) hidden[p.root.dataset.chart + '|' + s.label] = !s.show; });
      p.destroy();
    });
    plots = [];
    holder.innerHTML = '';
    var logY = logBox.checked;
    data.charts.forEach(function (chart) {
      var section = document.createElement('div');
      section.className = 'chart';
      var title = document.createElement('h3');
      title.textContent = chart.benchmark;
      section.appendChild(title);
      holder.appendChild(section);
      var series = [{label: 'percentile', value: function (u, v) { return v == null ? '–' : percentile(v); }}];
      chart.series.forEach(function (s, i) {
        series.push({label: s.label, stroke: palette[i % palette.length], width: 2,
          show: !hidden[chart.benchmark + '|' + s.label],
          value: function (u, v) { return micros(v); }});
      });
      var columns = [chart.x].concat(chart.series.map(function (s) {
        return s.micros.map(function (v) { return (logY && !(v > 0)) || v == null ? null : v; });
      }));
      var plot = new uPlot({
        width: Math.max(400, Math.min(1150, window.innerWidth - 60)), height: 420,
        scales: {x: {time: false, distr: 3}, y: {distr: logY ? 3 : 1}},
        axes: [{label: 'percentile', values: function (u, vals) { return vals.map(decade); }},
          {label: 'latency', size: 70, values: function (u, vals) { return vals.map(micros); }}],
        series: series
      }, columns, section);
      plot.root.dataset.chart = chart.benchmark;
      plots.push(plot);
    });
  }

  logBox.addEventListener('change', draw);
  draw();
})();
