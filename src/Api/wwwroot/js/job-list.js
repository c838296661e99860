// Jobs, newest first, refreshed every few seconds while the list is open. The table keeps to its box:
// fixed column widths (app.css), names on up to two lines and then cut (whole in their tooltip), compact dates.
// A tick box on each row picks it; Compare opens the picked jobs side by side (compare-page.js).
import { api } from './api.js';
import { compareRoute } from './compare-page.js';
import { badge, datasetLabel, el, fmt, progressBar, shortWhen, when } from './format.js';

// Header, and the class that sizes the column (app.css): Name takes what the others leave.
const columns = [
  ['', 'pick'], ['Name', 'name'], ['Status', 'status'], ['Progress', 'progress-column'], ['W estimate', 'number'], ['SWD', 'number'],
  ['Dataset', 'dataset'], ['Variant', 'variant'], ['Created', 'created'],
];

export function renderJobList(view) {
  const body = el('tbody');
  // Picks outlive the list's refreshes (the rows are made anew each time), in the order they were made.
  const picked = new Set();
  const compare = el('button', { id: 'compare', disabled: true, onclick: () => (location.hash = compareRoute([...picked])) }, 'Compare');
  const showPicks = () => {
    compare.disabled = picked.size < 2;
    compare.textContent = picked.size ? `Compare ${picked.size}` : 'Compare';
    compare.title = picked.size < 2 ? 'Tick two or more jobs to compare them' : '';
  };
  const pickBox = job => el('td', {
    class: 'pick',
    // The row opens the job; a click in this cell picks it instead, on the box or beside it.
    onclick: event => {
      event.stopPropagation();
      const box = event.currentTarget.querySelector('input');
      if (event.target !== box) box.checked = !box.checked;
      if (box.checked) picked.add(job.id); else picked.delete(job.id);
      showPicks();
    },
  }, el('input', { type: 'checkbox', checked: picked.has(job.id), 'aria-label': `Pick ${job.name} to compare` }));
  showPicks();
  const empty = el('div', { class: 'empty', hidden: true }, 'No jobs yet. ', el('a', { href: '#/new' }, 'Start one.'));
  const error = el('p', { class: 'error' });
  view.append(
    el('div', { class: 'row' }, el('h1', {}, 'Jobs'), el('span', { class: 'spacer' }), compare,
      el('a', { href: '#/new' }, el('button', { class: 'primary' }, 'New job'))),
    el('div', { class: 'panel' },
      el('div', { class: 'table-box' },
        el('table', { id: 'jobs' }, el('thead', {}, el('tr', {}, columns.map(([h, c]) => el('th', { class: c }, h)))), body)),
      empty, error));

  async function refresh() {
    try {
      const { items } = await api('/jobs?limit=50');
      body.replaceChildren(...items.map(job => {
        const dataset = datasetLabel(job);
        return el('tr', { 'data-job': job.id, onclick: () => (location.hash = `#/jobs/${job.id}`) },
          pickBox(job),
          el('td', { class: 'clip-2', title: job.name }, el('a', { href: `#/jobs/${job.id}` }, job.name)),
          el('td', {}, badge(job.status)),
          el('td', {}, progressBar(job.progress.generatorStep, job.progress.generatorSteps)),
          el('td', { class: 'num' }, fmt(job.latestMetrics?.wassersteinEstimate)),
          el('td', { class: 'num' }, fmt(job.latestEvaluation?.slicedWasserstein)),
          el('td', { class: 'clip', title: dataset.title }, dataset.text),
          el('td', {}, job.variant),
          el('td', { class: 'muted', title: when(job.createdAt) }, shortWhen(job.createdAt)));
      }));
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
