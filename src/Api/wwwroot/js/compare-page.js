// The compare view's own route, #/compare?jobs=id1,id2,…: linkable, and reloads to the same view.
import { renderComparison } from './compare.js';
import { el } from './format.js';

const jobId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The job ids in a compare route's query, in their order, each once; anything that is not a job id is left out. */
export function comparedJobs(query) {
  const ids = (new URLSearchParams(query).get('jobs') ?? '').split(',').map(id => id.trim().toLowerCase());
  return [...new Set(ids.filter(id => jobId.test(id)))];
}

export const compareRoute = ids => `#/compare?jobs=${ids.join(',')}`;

export function renderComparePage(view, ids) {
  const body = el('div');
  view.append(
    el('div', { class: 'row' },
      el('h1', { id: 'compare-title' }, `Compare ${ids.length} job${ids.length === 1 ? '' : 's'}`),
      el('span', { class: 'spacer' }), el('a', { href: '#/' }, 'Back to the jobs')),
    body);
  if (ids.length < 2) {
    body.append(el('div', { class: 'panel empty' },
      'Tick two or more jobs in the ', el('a', { href: '#/' }, 'job list'), ' to compare them.'));
    if (!ids.length) return () => {};
  }
  return renderComparison(body, ids);
}
