// Live line charts over uPlot (vendored, global `uPlot`): one x axis of generator steps, a few
// series, redrawn at most once per animation frame however fast events arrive.

const palette = ['#3b5bdb', '#e8590c', '#2b8a3e', '#862e9c', '#868e96'];

/**
 * A chart in `container` with the given series ({ label, dashed?, scale? }). Returns
 * { push(step, ...values), fill(index, value), destroy() }; `container.dataset.points` counts the steps drawn, so a
 * test (or a curious user) can see it grow.
 */
export function lineChart(container, series, { yLabel = '', rightLabel = '' } = {}) {
  const data = [[], ...series.map(() => [])];
  const hasRight = series.some(s => s.scale === 'right');
  const options = {
    width: Math.max(container.clientWidth, 280),
    height: 220,
    legend: { live: true },
    cursor: { drag: { x: true, y: false } },
    scales: { x: { time: false } },
    axes: [
      { label: 'generator step', labelSize: 20, grid: { stroke: '#f1f3f5' } },
      { label: yLabel, labelSize: 20, size: 60, grid: { stroke: '#f1f3f5' } },
      ...(hasRight ? [{ scale: 'right', side: 1, label: rightLabel, labelSize: 20, size: 50, grid: { show: false } }] : []),
    ],
    series: [
      { label: 'step' },
      ...series.map((s, i) => ({
        label: s.label,
        scale: s.scale === 'right' ? 'right' : 'y',
        stroke: s.color ?? palette[i % palette.length],
        width: 1.6,
        dash: s.dashed ? [6, 4] : undefined,
        spanGaps: true,
        points: { show: s.points ?? false },
      })),
    ],
  };
  const plot = new uPlot(options, data, container);
  container.dataset.points = '0';

  let pending = false;
  function redraw() {
    pending = false;
    plot.setData(data);
    // Unless the pointer is over the chart, the legend shows the latest values rather than dashes.
    if (plot.cursor.left < 0 && data[0].length) plot.setLegend({ idx: data[0].length - 1 });
    container.dataset.points = String(data[0].length);
  }

  const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(container.clientWidth, 280), height: 220 }));
  resize.observe(container);

  return {
    push(step, ...values) {
      // Steps arrive in order; a repeated step (a job restarted from the beginning) replaces the tail.
      while (data[0].length && data[0][data[0].length - 1] >= step) data.forEach(column => column.pop());
      data[0].push(step);
      values.forEach((value, i) => data[i + 1].push(value ?? null));
      if (!pending) { pending = true; requestAnimationFrame(redraw); }
    },
    /** Sets every point of series `index` (0-based, as passed to push) to `value`: a level line learnt late. */
    fill(index, value) {
      data[index + 1].fill(value);
      if (!pending) { pending = true; requestAnimationFrame(redraw); }
    },
    destroy() { resize.disconnect(); plot.destroy(); },
  };
}
