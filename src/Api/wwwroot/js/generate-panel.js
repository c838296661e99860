// Sampling from a job's generator through POST /generate: a grid to look at, or .npy to keep.
import { api, ApiError } from './api.js';
import { el } from './format.js';

export function renderGeneratePanel(jobId) {
  const seed = el('input', { name: 'seed', type: 'number', step: 1, min: 0, placeholder: 'random' });
  const count = el('input', { name: 'count', type: 'number', step: 1, min: 1, value: 64 });
  const checkpoint = el('select', { name: 'checkpoint' },
    el('option', { value: 'best' }, 'best (lowest SWD; FD on labelled images)'), el('option', { value: 'final' }, 'final'));
  const image = el('img', { id: 'generated', alt: 'Generated samples', hidden: true });
  const message = el('p', { class: 'muted', id: 'generate-message' });
  let objectUrl = null;

  // A blank seed becomes a random one that is shown, so a grid worth keeping can be made again.
  function request(format) {
    if (seed.value === '') seed.value = String(Math.floor(Math.random() * 2 ** 31));
    return api('/generate', {
      method: 'POST', accept: format === 'png' ? 'image/png' : 'application/octet-stream',
      json: { jobId, count: Number(count.value), seed: Number(seed.value), checkpoint: checkpoint.value, format },
    });
  }

  async function run(format, show) {
    message.textContent = 'Sampling…';
    try {
      show(await request(format));
      message.textContent = `Seed ${seed.value}, ${count.value} samples from the ${checkpoint.value} generator.`;
    } catch (e) {
      message.textContent = e instanceof ApiError && e.status === 409
        ? 'No generator yet: one is kept from the first evaluation on.'
        : e instanceof ApiError ? Object.values(e.fieldErrors).flat().join(' ') || e.message : e.message;
    }
  }

  const showGrid = blob => {
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    image.src = objectUrl = URL.createObjectURL(blob);
    image.hidden = false;
  };
  const download = blob => {
    const link = el('a', { href: URL.createObjectURL(blob), download: `samples-seed${seed.value}.npy` });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };

  const form = el('form', { id: 'generate', class: 'row', onsubmit: e => { e.preventDefault(); run('png', showGrid); } },
    el('label', {}, 'Seed', seed), el('label', {}, 'Count', count), el('label', {}, 'Checkpoint', checkpoint),
    el('button', { type: 'submit', class: 'primary' }, 'Generate'),
    el('button', { type: 'button', onclick: () => run('npy', download) }, 'Download .npy'));

  return el('div', { class: 'panel generated' }, el('h2', {}, 'Generate'), form, message, image);
}
