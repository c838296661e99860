// What sets jobs apart: the settings (dataset, variant, networks, hyperparameters) whose values differ between them,
// the ones that shape training first. The compare view names them in its legend; a sweep's trials differ in its space.

// Bookkeeping, not training: how often rows, evaluations and checkpoints are written.
const bookkeeping = new Set(['metricsEvery', 'evaluateEvery', 'checkpointEvery']);
const order = ['dataset', 'variant', 'architecture', 'learningRate', 'criticSteps', 'gradientPenaltyWeight', 'batchSize', 'optimizer',
  'beta1', 'beta2', 'clipValue', 'criticNormalization', 'criticSchedule', 'learningRateDecay', 'generatorEma', 'latentDim',
  'generatorSteps', 'maxTrainingMinutes'];
// Unknown (newer) settings go after the known ones; the seed last, since it differs between most jobs by chance.
const rank = key => (key === 'seed' ? order.length + 2 : order.includes(key) ? order.indexOf(key) : order.length + 1);

const settingsOf = job => ({
  dataset: job.datasetName ?? job.dataset, variant: job.variant, architecture: job.architecture, ...job.hyperparameters,
});

/** The setting names (as the API spells them) whose values are not the same for every job, in reading order. */
export function differingSettings(jobs) {
  if (jobs.length < 2) return [];
  const all = jobs.map(settingsOf);
  const keys = [...new Set(all.flatMap(Object.keys))].filter(key => !bookkeeping.has(key));
  return keys
    .filter(key => new Set(all.map(s => JSON.stringify(s[key] ?? null))).size > 1)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

// A drawn learning rate has 17 digits; three tell trials apart. Integers (steps, seeds) stay whole.
const settingValue = value =>
  (value == null ? '–' : typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(3)) : value);

/** "learningRate 0.0001 · criticSteps 5": the given settings' values (by default all of them). */
export const settingsLine = (settings, keys = Object.keys(settings)) =>
  keys.map(key => `${key} ${settingValue(settings[key])}`).join(' · ');

/** The same line for a job's values of the given settings. */
export const describeSettings = (job, keys) => settingsLine(settingsOf(job), keys);
