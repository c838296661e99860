// Jobs, newest first, refreshed every few seconds while the list is open.
import { api } from './api.js';
import { badge, el, fmt, progressBar, when } from './format.js';

export function renderJobList(view) {
  const body = el('tbody');
  const empty = el('div', { class: 'empty', hidden: true }, 'No jobs yet. ', el('a', { href: '#/new' }, 'Start one.'));
  const error = el('p', { class: 'error' });
  view.append(
    el('div', { class: 'row' }, el('h1', {}, 'Jobs'), el('span', { class: 'spacer' }), el('a', { href: '#/new' }, el('button', { class: 'primary' }, 'New job'))),
    el('div', { class: 'panel' },
      el('table', { id: 'jobs' },
        el('thead', {}, el('tr', {}, ['Name', 'Status', 'Progress', 'W estimate', 'SWD', 'Dataset', 'Variant', 'Created'].map(h => el('th', {}, h)))),
        body),
      empty, error));

  async function refresh() {
    try {
      const { items } = await api('/jobs?limit=50');
      body.replaceChildren(...items.map(job => el('tr', { 'data-job': job.id, onclick: () => (location.hash = `#/jobs/${job.id}`) },
        el('td', {}, el('a', { href: `#/jobs/${job.id}` }, job.name)),
        el('td', {}, badge(job.status)),
        el('td', {}, progressBar(job.progress.generatorStep, job.progress.generatorSteps)),
        el('td', { class: 'num' }, fmt(job.latestMetrics?.wassersteinEstimate)),
        el('td', { class: 'num' }, fmt(job.latestEvaluation?.slicedWasserstein)),
        el('td', {}, job.dataset),
        el('td', {}, job.variant),
        el('td', { class: 'muted' }, when(job.createdAt)))));
      empty.hidden = items.length > 0;
      error.textContent = '';
    } catch (e) {
      error.textContent = `Could not load jobs: ${e.message}`;
    }
  }

  refresh();
  const timer = setInterval(refresh, 3000);
  return () => clearInterval(timer);
}
