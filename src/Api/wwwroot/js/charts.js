// Line charts over uPlot (vendored, global `uPlot`): one x axis of generator steps, redrawn at most once per
// animation frame however fast data arrives. lineChart: a job's own series sharing its steps, fed live;
// overlayChart: one series per job, each on its own steps (the compare view), joined on a shared axis.

// Ten colours told apart at a glance (Tableau 10 order, the first two the dashboard's own): enough for a sweep's trials.
export const palette = ['#3b5bdb', '#e8590c', '#2b8a3e', '#862e9c', '#c92a2a', '#0b7285', '#e64980', '#74b816', '#5f3dc4', '#868e96'];
export const colourOf = index => palette[index % palette.length];

function axes({ yLabel = '', rightLabel = '', hasRight = false }) {
  return [
    { label: 'generator step', labelSize: 20, grid: { stroke: '#f1f3f5' } },
    { label: yLabel, labelSize: 20, size: 60, grid: { stroke: '#f1f3f5' } },
    ...(hasRight ? [{ scale: 'right', side: 1, label: rightLabel, labelSize: 20, size: 50, grid: { show: false } }] : []),
  ];
}

const seriesOptions = (s, i) => ({
  label: s.label,
  scale: s.scale === 'right' ? 'right' : 'y',
  stroke: s.color ?? colourOf(i),
  width: 1.6,
  dash: s.dashed ? [6, 4] : undefined,
  spanGaps: true,
  points: { show: s.points ?? false },
});

/** A uPlot in `container` that follows its width, and a redraw(data) that draws at most once per frame. */
function plotIn(container, options, data, onDraw) {
  const size = () => ({ width: Math.max(container.clientWidth, 280), height: options.height ?? 220 });
  const plot = new uPlot({ ...size(), ...options }, data(), container);
  let pending = false;
  const resize = new ResizeObserver(() => plot.setSize(size()));
  resize.observe(container);
  return {
    plot,
    redraw() {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => { pending = false; const next = data(); plot.setData(next); onDraw(next); });
    },
    destroy() { resize.disconnect(); plot.destroy(); },
  };
}

/**
 * A chart in `container` with the given series ({ label, dashed?, scale? }). Returns
 * { push(step, ...values), fill(index, value), destroy() }; `container.dataset.points` counts the steps drawn, so a
 * test (or a curious user) can see it grow.
 */
export function lineChart(container, series, { yLabel = '', rightLabel = '' } = {}) {
  const data = [[], ...series.map(() => [])];
  const options = {
    legend: { live: true },
    cursor: { drag: { x: true, y: false } },
    scales: { x: { time: false } },
    axes: axes({ yLabel, rightLabel, hasRight: series.some(s => s.scale === 'right') }),
    series: [{ label: 'step' }, ...series.map(seriesOptions)],
  };
  const chart = plotIn(container, options, () => data, drawn => {
    // Unless the pointer is over the chart, the legend shows the latest values rather than dashes.
    if (chart.plot.cursor.left < 0 && drawn[0].length) chart.plot.setLegend({ idx: drawn[0].length - 1 });
    container.dataset.points = String(drawn[0].length);
  });
  container.dataset.points = '0';

  return {
    push(step, ...values) {
      // Steps arrive in order; a repeated step (a job restarted from the beginning) replaces the tail.
      while (data[0].length && data[0][data[0].length - 1] >= step) data.forEach(column => column.pop());
      data[0].push(step);
      values.forEach((value, i) => data[i + 1].push(value ?? null));
      chart.redraw();
    },
    /** Sets every point of series `index` (0-based, as passed to push) to `value`: a level line learnt late. */
    fill(index, value) {
      data[index + 1].fill(value);
      chart.redraw();
    },
    destroy: chart.destroy,
  };
}

/**
 * One series per job ({ label, color }), each with its own steps: set(index, steps, values) replaces a series'
 * points, and the chart draws them all on one x axis (uPlot.join). `log` puts y on a log scale (values ≤ 0 are left
 * out); charts given the same `syncKey` move their cursors together. `container.dataset.points` lists each series'
 * point count and `dataset.series` how many have any, so a test can see what was drawn.
 */
export function overlayChart(container, series, { yLabel = '', log = false, syncKey } = {}) {
  const tables = series.map(() => [[], []]);
  const options = {
    legend: { live: true },
    cursor: { drag: { x: true, y: false }, ...(syncKey ? { sync: { key: syncKey } } : {}) },
    scales: { x: { time: false }, ...(log ? { y: { distr: 3 } } : {}) },
    axes: axes({ yLabel }),
    series: [{ label: 'step' }, ...series.map(seriesOptions)],
  };
  const joined = () => (tables.length ? uPlot.join(tables) : [[]]);
  const chart = plotIn(container, options, joined, () => {
    container.dataset.points = tables.map(([steps]) => steps.length).join(',');
    container.dataset.series = String(tables.filter(([steps]) => steps.length).length);
  });
  container.dataset.points = tables.map(() => 0).join(',');
  container.dataset.series = '0';

  return {
    set(index, steps, values) {
      const keep = steps.map((_, i) => values[i] != null && Number.isFinite(values[i]) && (!log || values[i] > 0));
      tables[index] = [steps.filter((_, i) => keep[i]), values.filter((_, i) => keep[i])];
      chart.redraw();
    },
    destroy: chart.destroy,
  };
}
