// Small, shared ways to show numbers and times.

export const fmt = (value, digits = 3) =>
  value === null || value === undefined || Number.isNaN(value) ? '–' : Number(value).toPrecision(digits);

export function duration(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

/**
 * A job that trains no further: it ended, or it is a sweep's trial stopped at a rung (queued again only if promoted
 * later, as a new run with its own events). The server's JobStatus.IsFinished, and the point its event stream closes.
 */
export const jobFinished = status => ['succeeded', 'failed', 'cancelled', 'stopped'].includes(status);

export const when = iso => (iso ? new Date(iso).toLocaleString() : '–');

/** Compact, for lists: the time for today, the day and time this year, the date before that. */
export function shortWhen(iso) {
  if (!iso) return '–';
  const date = new Date(iso), now = new Date();
  const options = date.toDateString() === now.toDateString() ? { timeStyle: 'short' }
    : date.getFullYear() === now.getFullYear() ? { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }
    : { dateStyle: 'medium' };
  return date.toLocaleString(undefined, options);
}

/** A job's dataset as people know it: an upload by the name it was given (its id in the tooltip), or by id once deleted. */
export function datasetLabel(job) {
  if (job.datasetName == null) return { text: job.dataset, title: `${job.dataset} (deleted)` };
  const upload = job.datasetName !== job.dataset;
  return { text: job.datasetName, title: upload ? `${job.datasetName} (uploaded dataset ${job.dataset})` : job.dataset };
}

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children.flat().filter(c => c !== null && c !== undefined));
  return node;
}

export const badge = status => el('span', { class: `badge ${status}`, 'data-status': status }, status);

export function progressBar(step, steps) {
  const bar = el('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': steps, 'aria-valuenow': step },
    el('div', { style: `width:${steps ? (100 * step) / steps : 0}%` }));
  return bar;
}
