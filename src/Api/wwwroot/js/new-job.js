// The form that starts a job: a dataset (built-in or uploaded here), the variant and the main
// hyperparameters. Blank fields take the service's defaults, which the job page then shows.
import { api, ApiError } from './api.js';
import { el } from './format.js';

const numberFields = [
  ['generatorSteps', 'Generator steps', '2000', 1],
  ['batchSize', 'Batch size', 'default', 1],
  ['criticSteps', 'Critic steps per generator step', 'default (5)', 1],
  ['learningRate', 'Learning rate', 'default', 'any'],
  ['latentDim', 'Latent size', 'default', 1],
  ['evaluateEvery', 'Evaluate every (steps)', 'default', 1],
  ['seed', 'Seed', 'random', 1],
];

export function renderNewJob(view) {
  const datasetSelect = el('select', { name: 'dataset', required: true });
  const upload = el('input', { type: 'file', name: 'file' });
  const uploadStatus = el('span', { class: 'muted' });
  const formError = el('p', { class: 'error', id: 'form-error' });
  const fieldError = name => el('span', { class: 'field-error', 'data-error-for': name });

  const form = el('form', { class: 'job-form', id: 'new-job', novalidate: true },
    el('label', {}, 'Name', el('input', { name: 'name', placeholder: 'optional' }), fieldError('name')),
    el('label', {}, 'Dataset', datasetSelect, fieldError('dataset')),
    el('label', {}, 'Variant',
      el('select', { name: 'variant' }, el('option', { value: 'wgan-gp' }, 'WGAN-GP (gradient penalty)'), el('option', { value: 'wgan' }, 'WGAN (weight clipping)')),
      fieldError('variant')),
    numberFields.map(([name, label, placeholder, step]) =>
      el('label', {}, label, el('input', { name, type: 'number', step, min: step === 'any' ? 0 : 1, placeholder, value: name === 'generatorSteps' ? '2000' : undefined }),
        fieldError(`hyperparameters.${name}`))),
    el('div', { class: 'row', style: 'grid-column: 1 / -1' }, el('button', { type: 'submit', class: 'primary' }, 'Start training'), formError));

  view.append(el('h1', {}, 'New job'),
    el('div', { class: 'stack' },
      el('div', { class: 'panel' }, form),
      el('div', { class: 'panel' }, el('h2', {}, 'Upload a dataset'),
        el('p', { class: 'muted' }, 'IDX (MNIST format, raw or .gz), NumPy .npy, CSV of numbers, or a ZIP of PNG/JPEG images of one size.'),
        el('div', { class: 'row' }, upload, uploadStatus))));

  async function loadDatasets(selectId) {
    const { items } = await api('/datasets');
    datasetSelect.replaceChildren(...items.map(d => el('option', { value: d.id, selected: d.id === selectId },
      `${d.name} — ${d.kind}, ${d.shape.join('×')}${d.count ? `, ${d.count} samples` : ''}`)));
  }

  upload.addEventListener('change', async () => {
    const file = upload.files[0];
    if (!file) return;
    const data = new FormData();
    data.append('file', file);
    data.append('name', file.name.replace(/\.[^.]+$/, ''));
    uploadStatus.textContent = 'Uploading…';
    try {
      const dataset = await api('/datasets', { method: 'POST', body: data });
      await loadDatasets(dataset.id);
      uploadStatus.textContent = `Uploaded ${dataset.name}: ${dataset.count} samples of ${dataset.shape.join('×')}.`;
    } catch (e) {
      uploadStatus.textContent = e instanceof ApiError ? Object.values(e.fieldErrors).flat().join(' ') || e.message : e.message;
    }
  });

  form.addEventListener('submit', async event => {
    event.preventDefault();
    for (const span of form.querySelectorAll('[data-error-for]')) span.textContent = '';
    formError.textContent = '';
    const values = new FormData(form);
    const hyperparameters = {};
    for (const [name] of numberFields) {
      const text = values.get(name);
      if (text !== '') hyperparameters[name] = Number(text);
    }
    const spec = { dataset: values.get('dataset'), variant: values.get('variant'), hyperparameters };
    if (values.get('name')) spec.name = values.get('name');
    try {
      const job = await api('/jobs', { method: 'POST', json: spec });
      location.hash = `#/jobs/${job.id}`;
    } catch (e) {
      showErrors(e);
    }
  });

  function showErrors(e) {
    const errors = e instanceof ApiError ? e.fieldErrors : {};
    let shown = false;
    for (const [field, messages] of Object.entries(errors)) {
      const span = form.querySelector(`[data-error-for="${field}" i]`);
      if (span) { span.textContent = messages.join(' '); shown = true; }
    }
    if (!shown) formError.textContent = Object.values(errors).flat().join(' ') || e.message;
  }

  loadDatasets('8gaussians').catch(e => (formError.textContent = `Could not load datasets: ${e.message}`));
  return () => {};
}
