// One job, live: status and progress with time left, charts fed by the job's server-sent events,
// the latest sample grid, a cancel button and a panel that samples from the trained generator.
import { api, followEvents } from './api.js';
import { lineChart } from './charts.js';
import { badge, datasetLabel, duration, el, fmt, jobFinished, progressBar, when } from './format.js';
import { renderGeneratePanel } from './generate-panel.js';

export function renderJobPage(view, id) {
  const title = el('h1', { id: 'job-name' }, 'Job');
  const statusSlot = el('span', { id: 'job-status' });
  const cancel = el('button', { class: 'danger', id: 'cancel', hidden: true, onclick: cancelJob }, 'Cancel');
  const progressSlot = el('div');
  const stepText = el('div', { class: 'value', id: 'step' }, '–');
  const etaText = el('div', { class: 'value', id: 'eta' }, '–');
  const wText = el('div', { class: 'value', id: 'w-estimate' }, '–');
  const swdText = el('div', { class: 'value', id: 'swd' }, '–');
  const modesText = el('div', { class: 'value', id: 'modes' }, '–');
  const spearmanText = el('div', { class: 'value', id: 'spearman' }, '–');
  const errorText = el('p', { class: 'error', id: 'job-error' });
  const grid = el('img', { id: 'latest-grid', alt: 'Samples from the fixed latent batch', hidden: true });
  const gridCaption = el('p', { class: 'muted', id: 'grid-caption' }, 'The first grid appears with the first evaluation.');
  const details = el('dl', { class: 'details' });
  const stat = (label, value) => el('div', { class: 'stat' }, el('div', { class: 'label' }, label), value);
  const chartBox = (name, heading) => {
    const box = el('div', { class: 'chart', 'data-chart': name });
    return [el('div', { class: 'panel' }, el('h2', {}, heading), box), box];
  };
  const [wPanel, wBox] = chartBox('wasserstein', 'Wasserstein estimate');
  const [lossPanel, lossBox] = chartBox('losses', 'Losses');
  const [penaltyPanel, penaltyBox] = chartBox('penalty', 'Gradient penalty');
  const [qualityPanel, qualityBox] = chartBox('quality', 'Sample quality (held-out data)');
  // Labelled image sets only: the Fréchet distance in the dataset classifier's features.
  const [fdPanel, fdBox] = chartBox('fd', 'Fréchet distance (dataset classifier)');
  fdPanel.hidden = true;
  const fdText = el('div', { class: 'value', id: 'fd' }, '–');
  const fdStat = stat('FD / floor · classes · confident', fdText);
  fdStat.hidden = true;

  view.append(
    el('div', { class: 'row' }, title, statusSlot, el('span', { class: 'spacer' }),
      el('a', { href: `/jobs/${id}/tensorboard`, download: true }, 'TensorBoard'), cancel),
    el('div', { class: 'stack' },
      el('div', { class: 'panel' },
        el('div', { class: 'stats' },
          stat('Progress', stepText), stat('Time left', etaText), stat('W estimate', wText),
          stat('SWD / floor', swdText), stat('Modes covered · HQ', modesText), stat('Spearman(W, SWD)', spearmanText), fdStat),
        el('div', { style: 'margin-top:.8rem' }, progressSlot), errorText),
      el('div', { class: 'grid charts' }, wPanel, lossPanel, penaltyPanel, qualityPanel, fdPanel),
      el('div', { class: 'grid' },
        el('div', { class: 'panel samples' }, el('h2', {}, 'Latest samples'), grid, gridCaption),
        renderGeneratePanel(id)),
      el('div', { class: 'panel' }, el('h2', {}, 'Settings'), details)));

  let job = null;
  let charts = null;
  let stopStream = () => {};
  let closed = false;
  let yardstick; // the dataset's noise yardstick FD: undefined until asked, null where there is none
  const recent = []; // (step, time) of recent metric events: the training rate behind "time left"

  function makeCharts(variant) {
    const gp = variant === 'wgan-gp';
    penaltyPanel.querySelector('h2').textContent = gp ? 'Gradient penalty' : 'Critic gradient norm';
    return {
      w: lineChart(wBox, [{ label: 'W estimate' }], { yLabel: '−critic loss' }),
      losses: lineChart(lossBox, [{ label: 'critic' }, { label: 'generator' }]),
      penalty: lineChart(penaltyBox, [{ label: gp ? 'penalty' : 'gradient norm' }]),
      quality: lineChart(qualityBox,
        [{ label: 'SWD', points: true }, { label: 'floor', dashed: true, color: '#868e96' }, { label: 'modes covered', scale: 'right', points: true }],
        { yLabel: 'SWD', rightLabel: 'modes' }),
      fd: lineChart(fdBox,
        [{ label: 'FD', points: true }, { label: 'floor', dashed: true, color: '#868e96' }, { label: 'noise σ 0.3', dashed: true, color: '#e8590c' }],
        { yLabel: 'FD' }),
    };
  }

  function showJob(next) {
    // A status event can trail the metrics already drawn; progress never moves back.
    next.progress.generatorStep = Math.max(next.progress.generatorStep, job?.progress.generatorStep ?? 0);
    job = next;
    title.textContent = job.name;
    statusSlot.replaceChildren(badge(job.status));
    cancel.hidden = jobFinished(job.status);
    errorText.textContent = job.error ?? '';
    // W as the mean of the 200 training steps before each evaluation first: it is steady even for a clipped critic,
    // whose held-out reading (one critic at one moment) jumps from step to step. Jobs older than it have the held-out one only.
    spearmanText.textContent = job.trainingWassersteinSwdSpearman == null
      ? spearmanLine(job.wassersteinSwdSpearman, job.wassersteinFdSpearman)
      : `200-step W ${spearmanLine(job.trainingWassersteinSwdSpearman, job.trainingWassersteinFdSpearman)} · held-out W `
        + spearmanLine(job.wassersteinSwdSpearman, job.wassersteinFdSpearman);
    showProgress(job.progress.generatorStep);
    const h = job.hyperparameters;
    details.replaceChildren(...[
      ['Dataset', datasetLabel(job).text], ['Variant', job.variant], ['Architecture', job.architecture], ['Device', job.device],
      ['Generator steps', h.generatorSteps], ['Batch size', h.batchSize], ['Critic steps', h.criticSteps],
      ['Optimizer', `${h.optimizer}, lr ${h.learningRate}`], ['Latent size', h.latentDim], ['Seed', h.seed],
      ['Created', when(job.createdAt)], ['Finished', when(job.finishedAt)],
    ].flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v ?? '–'))]));
    charts ??= makeCharts(job.variant);
  }

  function showProgress(step) {
    const steps = job.hyperparameters.generatorSteps;
    progressSlot.replaceChildren(progressBar(step, steps));
    stepText.textContent = `${step} / ${steps}`;
    if (jobFinished(job.status)) {
      etaText.textContent = job.startedAt && job.finishedAt
        ? `done in ${duration((new Date(job.finishedAt) - new Date(job.startedAt)) / 1000)}` : 'done';
      return;
    }
    const first = recent[0], last = recent[recent.length - 1];
    const rate = recent.length > 1 ? (last.step - first.step) / ((last.time - first.time) / 1000) : NaN;
    etaText.textContent = job.status === 'queued' ? 'queued' : rate > 0 ? duration((steps - step) / rate) : 'estimating…';
  }

  function onMetrics(m) {
    charts.w.push(m.generatorStep, m.wassersteinEstimate);
    charts.losses.push(m.generatorStep, m.criticLoss, m.generatorLoss);
    charts.penalty.push(m.generatorStep, m.gradientPenalty ?? m.criticGradientNorm);
    wText.textContent = fmt(m.wassersteinEstimate);
    recent.push({ step: m.generatorStep, time: new Date(m.recordedAt).getTime() });
    if (recent.length > 20) recent.shift();
    if (job && m.generatorStep > job.progress.generatorStep) job.progress.generatorStep = m.generatorStep;
    if (job) showProgress(job.progress.generatorStep);
  }

  function onFrechet(e) {
    // The yardstick belongs to the dataset (its classifier), not to an evaluation: fetched once, and
    // drawn as a level line across every step once it is known (evaluations keep arriving meanwhile).
    if (yardstick === undefined) {
      yardstick = null;
      api(`/jobs/${id}/evaluations`).then(list => {
        yardstick = list.classifier?.noiseFrechetDistance ?? null;
        if (yardstick != null) { charts.fd.fill(2, yardstick); fdBox.dataset.yardstick = String(yardstick); }
      }).catch(() => { /* drawn without it */ });
    }
    fdPanel.hidden = false;
    fdStat.hidden = false;
    charts.fd.push(e.generatorStep, e.frechetDistance, e.frechetDistanceFloor, yardstick);
    fdText.textContent = `${fmt(e.frechetDistance)} / ${fmt(e.frechetDistanceFloor)} · ${e.classesCovered} · ${fmt(e.confidentShare, 2)}`;
  }

  function onEvaluation(e) {
    if (e.frechetDistance != null) onFrechet(e);
    charts.quality.push(e.generatorStep, e.slicedWasserstein, e.slicedWassersteinFloor, e.modesCovered);
    swdText.textContent = `${fmt(e.slicedWasserstein)} / ${fmt(e.slicedWassersteinFloor)}`;
    modesText.textContent = e.modes ? `${e.modesCovered}/${e.modes} · ${fmt(e.highQualityRatio, 2)}` : '–';
    // The grid is stored with its evaluation, so this step's picture exists now.
    grid.src = `/jobs/${id}/samples.png?step=${e.generatorStep}`;
    grid.dataset.step = e.generatorStep;
    grid.hidden = false;
    gridCaption.textContent = `Generator step ${e.generatorStep}, from the same latent batch every time.`;
  }

  function listen() {
    // What the page is doing, for people reading the DOM and for tests: 'live' while it listens, 'ended' after the last status.
    statusSlot.dataset.stream = 'live';
    stopStream = followEvents(`/jobs/${id}`, {
      metrics: onMetrics,
      evaluation: onEvaluation,
      status: status => {
        showJob(status);
        if (jobFinished(status.status)) { stopStream(); statusSlot.dataset.stream = 'ended'; }
      },
    }, e => { errorText.textContent = `Lost the live stream: ${e.message}`; });
  }

  async function cancelJob() {
    cancel.disabled = true;
    try { await api(`/jobs/${id}/cancel`, { method: 'POST' }); }
    catch (e) { errorText.textContent = e.message; cancel.disabled = false; }
  }

  api(`/jobs/${id}`)
    .then(first => { if (closed) return; showJob(first); listen(); })
    .catch(e => { title.textContent = 'Job not found'; errorText.textContent = e.message; });

  return () => {
    closed = true;
    stopStream();
    if (charts) Object.values(charts).forEach(c => c.destroy());
  };
}

/** "ρ(SWD)" or "ρ(SWD) · FD ρ(FD)" on labelled image sets. */
function spearmanLine(swd, fd) {
  return fd == null ? fmt(swd) : `${fmt(swd)} · FD ${fmt(fd)}`;
}
