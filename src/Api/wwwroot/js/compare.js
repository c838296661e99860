// Jobs side by side: their W estimates and held-out objectives overlaid on shared axes (x = generator step), one
// colour per job, a legend naming each job and the settings that differ, and a table of where each one got to.
// renderComparison knows no route: the compare page calls it with the picked jobs, a sweep page with its trials.
//
// Live by polling, not by each job's event stream: a browser keeps at most six connections to one HTTP/1.1 host,
// and a sweep can have more trials running than that; one poll every few seconds costs three small reads a job.
import { api } from './api.js';
import { colourOf, overlayChart } from './charts.js';
import { badge, el, fmt, jobFinished } from './format.js';
import { describeSettings, differingSettings } from './job-settings.js';

const metricsPage = 10_000; // the API's largest page of metric rows
// The tail: ids are UUIDv7, whose head is the creation time, the same for jobs submitted together.
const shortId = id => id.slice(-8);
const clip = (text, length) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

// Lower is better for both. FD where the dataset is labelled (images with a classifier), SWD everywhere else.
export const objectives = {
  fd: { short: 'FD', heading: 'Held-out FD (dataset classifier)', value: e => e.frechetDistance },
  swd: { short: 'SWD', heading: 'Held-out SWD', value: e => e.slicedWasserstein },
};

/** FD when every job evaluated so far has it (all on labelled sets): FD and SWD cannot share an axis, and every evaluation has SWD. */
export function objectiveFor(evaluationLists) {
  const evaluated = evaluationLists.filter(list => list.length);
  return evaluated.length && evaluated.every(list => list.some(e => e.frechetDistance != null)) ? 'fd' : 'swd';
}

let syncKeys = 0;

/**
 * Renders the comparison of `jobIds` into `container` and keeps it current while any of them trains (every
 * `refreshSeconds`). `objective` ('fd' or 'swd') fixes the quality chart's metric (a sweep knows its own); by default
 * it follows the data (objectiveFor). Returns what stops the polling and frees the charts.
 */
export function renderComparison(container, jobIds, { objective, refreshSeconds = 5 } = {}) {
  const states = jobIds.map((id, index) =>
    ({ id, color: colourOf(index), job: null, missing: false, steps: [], w: [], evaluations: [] }));
  const legend = el('ul', { class: 'compare-legend' });
  const liveNote = el('p', { class: 'muted compare-live' });
  const error = el('p', { class: 'error compare-error' });
  const wBox = el('div', { class: 'chart', 'data-chart': 'compare-w' });
  const objectiveBox = el('div', { class: 'chart', 'data-chart': 'compare-objective' });
  const objectiveHeading = el('h2', {}, 'Held-out objective');
  const waiting = el('p', { class: 'muted compare-waiting' });
  const bestHeading = el('th', {}, 'Best');
  const rows = el('tbody');
  container.append(
    el('div', { class: 'stack compare' },
      el('div', { class: 'panel' }, legend, liveNote, error),
      el('div', { class: 'grid charts' },
        el('div', { class: 'panel' }, el('h2', {}, 'Wasserstein estimate'), wBox),
        el('div', { class: 'panel' }, objectiveHeading, objectiveBox, waiting)),
      el('div', { class: 'panel table-box' },
        el('table', { class: 'compare-table' }, el('thead', {}, el('tr', {},
          el('th', {}, 'Job'), el('th', {}, 'Status'), el('th', {}, 'Steps'), bestHeading,
          el('th', { title: 'The last W estimate recorded (the latest, for a job still training)' }, 'Final W'),
          el('th', {}, 'Spearman(W, SWD · FD)'))), rows))));

  const syncKey = `compare-${++syncKeys}`;
  let charts = null; // { w, objective, kind } once every job that exists has been read
  let stopped = false;
  let timer = null;

  async function load(state) {
    let job;
    try {
      job = await api(`/jobs/${state.id}`);
    } catch (e) {
      if (e.status === 404) { state.missing = true; return; }
      throw e;
    }
    // The status is read first, so a job read as finished has all its rows in what follows; it is kept only once
    // they are in, so a read that fails halfway is made again on the next refresh.
    for (;;) {
      const { items } = await api(`/jobs/${state.id}/metrics?afterStep=${state.steps.at(-1) ?? 0}&limit=${metricsPage}`);
      for (const m of items) { state.steps.push(m.generatorStep); state.w.push(m.wassersteinEstimate); }
      if (items.length < metricsPage) break;
    }
    state.evaluations = (await api(`/jobs/${state.id}/evaluations`)).items;
    state.job = job;
  }

  async function refresh() {
    const due = states.filter(s => !s.missing && !(s.job && jobFinished(s.job.status)));
    try {
      await Promise.all(due.map(load));
      error.textContent = '';
    } catch (e) {
      error.textContent = `Could not load every job: ${e.message}`;
    }
    if (stopped) return;
    draw();
    const live = states.filter(s => !s.missing && !(s.job && jobFinished(s.job.status)));
    container.dataset.live = String(live.length);
    liveNote.textContent = live.length ? `${live.length} of these ${live.length === 1 ? 'job is' : 'jobs are'} still queued `
      + `or training: refreshed every ${refreshSeconds} s.` : '';
    if (live.length) timer = setTimeout(refresh, refreshSeconds * 1000);
  }

  function draw() {
    const missing = states.filter(s => s.missing);
    if (missing.length) error.textContent = `No such job: ${missing.map(s => s.id).join(', ')}.`;
    const shown = states.filter(s => !s.missing);
    if (!shown.length || shown.some(s => !s.job)) return; // charts need every job's name
    const series = shown.map(s => ({ label: `${clip(s.job.name, 32)} · ${shortId(s.id)}`, color: s.color }));
    charts ??= { w: overlayChart(wBox, series, { yLabel: '−critic loss', syncKey }) };
    const kind = objective ?? objectiveFor(shown.map(s => s.evaluations));
    if (charts.kind !== kind) {
      // Known only once evaluations arrive (FD on labelled sets): the chart is made again if it changes.
      charts.objective?.destroy();
      objectiveBox.replaceChildren();
      charts.objective = overlayChart(objectiveBox, series, { yLabel: `${objectives[kind].short} (log)`, log: true, syncKey });
      charts.kind = kind;
      objectiveBox.dataset.objective = kind;
      objectiveHeading.textContent = objectives[kind].heading;
      bestHeading.textContent = `Best ${objectives[kind].short}`;
    }
    shown.forEach((s, i) => {
      charts.w.set(i, s.steps, s.w);
      charts.objective.set(i, s.evaluations.map(e => e.generatorStep), s.evaluations.map(objectives[kind].value));
    });

    const differing = differingSettings(shown.map(s => s.job));
    legend.replaceChildren(...shown.map(s => legendEntry(s, differing)));
    const unevaluated = shown.filter(s => !s.evaluations.length);
    waiting.textContent = unevaluated.length ? `No evaluation yet: ${unevaluated.map(s => s.job.name).join(', ')}.` : '';
    rows.replaceChildren(...shown.map(s => tableRow(s, kind)));
  }

  refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
    charts?.w.destroy();
    charts?.objective?.destroy();
  };
}

const swatch = color => el('span', { class: 'swatch', style: `background:${color}` });

function legendEntry({ id, job, color }, differing) {
  return el('li', { 'data-job': id },
    swatch(color),
    el('a', { href: `#/jobs/${id}`, class: 'name', title: job.name }, job.name),
    el('span', { class: 'muted short-id' }, shortId(id)),
    differing.length ? el('span', { class: 'settings' }, describeSettings(job, differing)) : null);
}

/**
 * The evaluation with the lowest objective after the untrained baseline (step 0 is a reference point, never a generator
 * to serve): the one the job's best generator and a sweep's rung results are chosen by. Null before any.
 */
export function bestEvaluation(evaluations, kind) {
  const value = objectives[kind].value;
  return evaluations.filter(e => e.generatorStep > 0 && value(e) != null)
    .reduce((a, e) => (a && value(a) <= value(e) ? a : e), null);
}

function tableRow({ id, job, color, evaluations }, kind) {
  const value = objectives[kind].value;
  const best = bestEvaluation(evaluations, kind);
  const spearman = job.wassersteinFdSpearman == null
    ? fmt(job.wassersteinSwdSpearman) : `${fmt(job.wassersteinSwdSpearman)} · ${fmt(job.wassersteinFdSpearman)}`;
  return el('tr', { 'data-job': id },
    el('td', {}, swatch(color), el('a', { href: `#/jobs/${id}`, title: job.name }, clip(job.name, 48)),
      el('span', { class: 'muted short-id' }, shortId(id))),
    el('td', {}, badge(job.status)),
    el('td', { class: 'num' }, `${job.progress.generatorStep} / ${job.progress.generatorSteps}`),
    el('td', { class: 'num best' },
      best ? `${fmt(value(best))} at ${best.generatorStep}` : el('span', { class: 'muted' }, 'no evaluation yet')),
    el('td', { class: 'num final-w' }, fmt(job.latestMetrics?.wassersteinEstimate)),
    el('td', { class: 'num' }, spearman));
}
