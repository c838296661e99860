// A sweep's page, #/sweeps/{id}: what it searched and what it spent, the rung ladder with every trial's result at
// each rung, the best trial with its latest grid, and every trial's curves overlaid (compare.js). The sweep is read
// once, then kept current by its event stream (GET /sweeps/{id}/events: the whole sweep each time it changes) until it
// ends; the curves are drawn again only when a trial comes back from `stopped` (promoted), since compare.js follows the
// trials that are still training by itself.
import { api, followEvents } from './api.js';
import { renderComparison } from './compare.js';
import { badge, el, fmt } from './format.js';
import { settingsLine } from './job-settings.js';

const sweepEnded = status => ['succeeded', 'failed', 'cancelled'].includes(status);
// compare.js charts FD or SWD; on unlabelled images the evaluations' SWD is the patch SWD the sweep ranks by.
const chartedObjective = objective => (objective === 'frechetDistance' ? 'fd' : 'swd');

export function renderSweepPage(view, id) {
  const title = el('h1', { id: 'sweep-title' }, 'Sweep');
  const statusSlot = el('span', { id: 'sweep-status' });
  const error = el('p', { class: 'error' });
  const summary = el('dl', { class: 'details', id: 'sweep-summary' });
  const best = el('div', { id: 'sweep-best' }, el('p', { class: 'muted' }, 'No trial has reached a rung yet.'));
  const ladder = el('table', { class: 'rung-ladder', id: 'rung-ladder' });
  const curves = el('div', { id: 'sweep-curves' });
  view.append(
    el('div', { class: 'row' }, title, statusSlot, el('span', { class: 'spacer' }), el('a', { href: '#/sweeps' }, 'All sweeps')),
    error,
    el('div', { class: 'stack' },
      el('div', { class: 'grid charts' },
        el('div', { class: 'panel' }, el('h2', {}, 'Search'), summary),
        el('div', { class: 'panel' }, el('h2', {}, 'Best trial'), best)),
      el('div', { class: 'panel table-box' }, el('h2', {}, 'Rung ladder'), ladder),
      el('div', {}, el('h2', {}, 'Every trial'), curves)));

  let stopCurves = () => {};
  let curvesKey = '';
  let stopStream = () => {};
  let closed = false;

  function show(sweep) {
    title.textContent = sweep.name;
    statusSlot.replaceChildren(badge(sweep.status));
    const { generatorStepsTrained: trained, generatorStepsIfRunToEnd: full } = sweep.compute;
    summary.replaceChildren(...[
      ['Dataset', sweep.dataset], ['Variant', sweep.variant], ['Objective', `${sweep.objective} (lower is better)`],
      ['Trials', sweep.trials], ['Budget per trial', budgetText(sweep.budget)],
      ['Early stopping', sweep.earlyStopping.kind === 'halving' ? `halving, η ${sweep.earlyStopping.eta}` : 'none'],
      ['Seed', sweep.seed],
      ['Compute', full ? `${trained.toLocaleString()} of ${full.toLocaleString()} steps (${fmt(trained / full, 2)} of running all to the end)`
        : `${trained.toLocaleString()} steps`],
    ].flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, String(value))]));
    showBest(sweep);
    showLadder(sweep);
    // Drawn anew only when the set of trials that may still train changes (a promotion), not at every re-read.
    const key = sweep.trialJobs.map(t => `${t.jobId}:${t.status === 'stopped' ? 's' : 'x'}`).join(',');
    if (key !== curvesKey) {
      curvesKey = key;
      stopCurves();
      curves.replaceChildren();
      stopCurves = renderComparison(curves, sweep.trialJobs.map(t => t.jobId), { objective: chartedObjective(sweep.objective) });
    }
  }

  function showBest(sweep) {
    const b = sweep.best;
    if (!b) return;
    const grid = el('img', { id: 'best-grid', alt: `Samples of trial ${b.trial}`, src: `/jobs/${b.jobId}/samples.png` });
    best.replaceChildren(
      el('p', {}, el('a', { href: `#/jobs/${b.jobId}` }, `Trial ${b.trial}`),
        ` · ${sweep.objective} ${fmt(b.objective, 4)} at rung ${b.rung + 1} of ${sweep.rungs.length}`),
      el('p', { class: 'muted' }, settingsLine(b.hyperparameters)),
      grid);
  }

  function showLadder(sweep) {
    const head = el('tr', {}, el('th', {}, 'Trial'), el('th', {}, 'Status'), el('th', {}, 'Settings'),
      ...sweep.rungs.map(r => el('th', { class: 'number' },
        `Rung ${r.rung + 1}: ${fmt(r.budgetFraction, 3)}${r.generatorSteps ? ` (${r.generatorSteps} steps)` : ''}`)));
    const rows = sweep.trialJobs.map(t => {
      const atRung = new Map(t.rungResults.map(r => [r.rung, r]));
      return el('tr', { 'data-trial': t.trial, 'data-job': t.jobId, class: sweep.best?.jobId === t.jobId ? 'best' : '' },
        el('td', {}, el('a', { href: `#/jobs/${t.jobId}` }, `${t.trial}`)),
        el('td', {}, badge(t.status)),
        el('td', { class: 'settings' }, settingsLine(t.hyperparameters)),
        ...sweep.rungs.map(r => {
          const result = atRung.get(r.rung);
          return el('td', { class: 'number rung-result', 'data-rung': r.rung }, result ? fmt(result.objective, 4) : '');
        }));
    });
    ladder.replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
  }

  function showLive(sweep) {
    show(sweep);
    error.textContent = '';
    if (sweepEnded(sweep.status)) { closed = true; stopStream(); }
  }

  function listen() {
    stopStream = followEvents(`/sweeps/${id}`, { sweep: showLive }, e => { error.textContent = `Lost the live stream: ${e.message}`; });
  }

  api(`/sweeps/${id}`)
    .then(sweep => { if (closed) return; showLive(sweep); if (!closed) listen(); })
    .catch(e => { title.textContent = e.status === 404 ? 'Sweep not found' : 'Sweep'; error.textContent = e.message; });
  return () => { closed = true; stopStream(); stopCurves(); };
}

function budgetText(budget) {
  const parts = [];
  if (budget.generatorSteps) parts.push(`${budget.generatorSteps.toLocaleString()} steps`);
  if (budget.maxTrainingMinutes) parts.push(`${budget.maxTrainingMinutes} min`);
  return parts.join(' or ');
}

/** #/sweeps: every sweep, newest first. */
export function renderSweepList(view) {
  const body = el('tbody');
  const error = el('p', { class: 'error' });
  view.append(el('div', { class: 'row' }, el('h1', {}, 'Sweeps')), error,
    el('div', { class: 'panel table-box' }, el('table', { id: 'sweeps' },
      el('thead', {}, el('tr', {}, ...['Name', 'Status', 'Dataset', 'Variant', 'Objective', 'Trials'].map(h => el('th', {}, h)))),
      body)));
  let closed = false;
  api('/sweeps').then(({ items }) => {
    if (closed) return;
    body.replaceChildren(...items.map(s => el('tr', { 'data-sweep': s.id, onclick: () => (location.hash = `#/sweeps/${s.id}`) },
      el('td', {}, el('a', { href: `#/sweeps/${s.id}` }, s.name)), el('td', {}, badge(s.status)), el('td', {}, s.dataset),
      el('td', {}, s.variant), el('td', {}, s.objective), el('td', {}, String(s.trials)))));
    if (!items.length) body.append(el('tr', {}, el('td', { colspan: 6, class: 'empty' }, 'No sweeps yet: POST /sweeps starts one.')));
  }).catch(e => { error.textContent = e.message; });
  return () => { closed = true; };
}
