// The dashboard: its views behind hash routes, no build step.
import { comparedJobs, renderComparePage } from './compare-page.js';
import { renderJobList } from './job-list.js';
import { renderNewJob } from './new-job.js';
import { renderJobPage } from './job-page.js';
import { renderSweepList, renderSweepPage } from './sweep-page.js';

const view = document.getElementById('view');
let leaveCurrent = () => {};

function route() {
  leaveCurrent();
  view.replaceChildren();
  const hash = location.hash || '#/';
  const job = hash.match(/^#\/jobs\/([0-9a-f-]{36})$/i);
  const compare = hash.match(/^#\/compare(?:\?(.*))?$/);
  const sweep = hash.match(/^#\/sweeps\/([0-9a-f-]{36})$/i);
  const name = job ? 'job' : compare ? 'compare' : sweep || hash === '#/sweeps' ? 'sweeps' : hash === '#/new' ? 'new' : 'jobs';
  for (const link of document.querySelectorAll('nav a[data-nav]'))
    link.classList.toggle('active', link.dataset.nav === name);
  // Each view returns what stops its timers and streams when the user moves on.
  leaveCurrent = job ? renderJobPage(view, job[1])
    : compare ? renderComparePage(view, comparedJobs(compare[1] ?? ''))
    : sweep ? renderSweepPage(view, sweep[1])
    : name === 'sweeps' ? renderSweepList(view)
    : name === 'new' ? renderNewJob(view) : renderJobList(view);
}

window.addEventListener('hashchange', route);
// uPlot loads with `defer`; modules run after deferred scripts, so it is there by now.
route();
