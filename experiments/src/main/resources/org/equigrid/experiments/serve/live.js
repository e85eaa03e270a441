// equigrid live view: plays a recorded agent run message by message. No build step, no framework.
'use strict';
const AGGREGATE_ABOVE = 150;   // households: above this the community and bills are drawn per group
const ROWS_SHOWN = 300;        // message rows kept in the table
const S = {
  scenario: null, runId: null, run: null, msgs: [], total: 0, cursor: 0, playing: false, timer: null,
  day: 0, interval: 0, results: null, previous: null, browsing: false, selected: null, charts: {},
  teacher: null, polling: false, rendered: 0, rounds: []
};
const $ = id => document.getElementById(id);
const fmt = (x, d = 2) => (x === null || x === undefined || x === '' || isNaN(Number(x))) ? '–' : Number(x).toFixed(d);
const esc = s => String(s === null || s === undefined ? '' : s).replace(/[&<>"']/g,
  c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

async function api(path, options) {
  const opts = Object.assign({ headers: {} }, options || {});
  if (opts.body !== undefined) opts.headers['Content-Type'] = 'application/json';
  if (S.teacher) opts.headers['X-Teacher-Token'] = S.teacher;
  const response = await fetch(path, opts);
  const data = await response.json().catch(() => ({ error: 'not JSON (' + response.status + ')' }));
  if (!response.ok) { const e = new Error(data.error || ('HTTP ' + response.status)); e.status = response.status; throw e; }
  return data;
}

function chart(id) {
  if (!S.charts[id]) S.charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
  return S.charts[id];
}

// ---------- start

async function init() {
  const hash = new URLSearchParams(location.hash.slice(1));
  S.teacher = hash.get('teacher');
  S.scenario = await api('/api/scenario');
  const sc = S.scenario;
  $('scenario-name').textContent = sc.name + ' (' + sc.households.length + ' households, ' + sc.days + ' days)'
    + (sc.classroom ? (S.teacher ? ' — teacher' : ' — classroom') : '');
  for (const h of sc.households) {
    $('filter').add(new Option(h.id + ' (' + h.group + ')', h.id));
    $('strategy-household').add(new Option(h.id + ' (' + h.group + ')', h.id));
  }
  fillForm(sc.defaults);
  wireControls();
  if (sc.resultsFolder) loadResultsList();
  if (sc.classroom && S.teacher) teacherPanel();
  const runs = await api('/api/runs');
  if (runs.length) follow(runs[runs.length - 1].id, true);
  else $('run-state').textContent = sc.classroom ? 'waiting for the class' : 'no run yet';
}

function fillForm(d) {
  const sc = S.scenario;
  $('weights').innerHTML = '';
  for (const g of sc.groups) {
    const label = document.createElement('label');
    label.innerHTML = esc(g) + ' <input type="number" step="any" data-group="' + esc(g) + '" id="w-' + esc(g)
      + '" value="' + fmt(d.weights[g] === undefined ? 1 : d.weights[g], 3) + '">';
    $('weights').appendChild(label);
  }
  $('rho').value = d.rawlsianStrengthEur;
  const fill = (id, values, value) => {
    $(id).innerHTML = '';
    for (const v of values) $(id).add(new Option(v, v, false, v === value));
  };
  fill('pricing', sc.allowed.pricing, d.pricing);
  fill('settlement', sc.allowed.settlementRule, d.settlementRule);
  fill('mechanism', sc.allowed.mechanism, d.mechanism);
  fill('strategy', sc.allowed.strategy, 'truthful');
}

function wireControls() {
  $('play').onclick = () => play();
  $('pause').onclick = () => pause();
  $('step-message').onclick = () => { pause(); stepMessage(); };
  $('step-round').onclick = () => { pause(); stepRound(); };
  $('step-interval').onclick = () => { pause(); stepInterval(); };
  $('step-day').onclick = () => { pause(); stepDay(); };
  $('speed').oninput = () => { $('speed-label').textContent = $('speed').value + ' ms'; if (S.playing) { pause(); play(); } };
  $('filter').onchange = () => { S.rendered = 0; $('message-rows').innerHTML = ''; renderMessages(); };
  $('settings').onsubmit = e => { e.preventDefault(); rerun(); };
  window.addEventListener('resize', () => Object.values(S.charts).forEach(c => c.resize()));
}

// ---------- following a run

async function follow(id, autoplay) {
  S.runId = id; S.msgs = []; S.cursor = 0; S.rendered = 0; S.day = 0; S.interval = 0; S.browsing = false; S.rounds = [];
  if (S.results) S.previous = S.results;
  S.results = null;
  $('message-rows').innerHTML = '';
  if (autoplay) play();
  if (!S.polling) poll();
}

async function poll() {
  S.polling = true;
  try {
    while (S.runId !== null) {
      const id = S.runId;
      const page = await api('/api/runs/' + id + '/messages?from=' + S.msgs.length + '&limit=5000');
      if (id !== S.runId) continue;
      for (const m of page.messages) S.msgs.push(m);
      S.total = page.total;
      if (page.state === 'done' || page.state === 'failed') {
        if (S.msgs.length < page.total) continue;
        S.run = await api('/api/runs/' + id);
        S.rounds = S.run.negotiationRounds;
        if (page.state === 'done' && !S.results) {
          S.results = await api('/api/runs/' + id + '/results');
          drawAll();
          compare();
          if (S.selected) selectHousehold(S.selected);
        }
        showState();
        break;
      }
      await refreshRun(id);
      // Done only once every message is here: the loop's next page of messages ends it.
      if (S.run.state === 'done' || S.run.state === 'failed') continue;
      showState();
      await new Promise(r => setTimeout(r, 400));
    }
  } catch (e) {
    $('run-state').textContent = 'error: ' + e.message;
  } finally {
    S.polling = false;
  }
}

/**
 * The run's state and its new negotiation rounds: asks only for the rounds from the first one not
 * yet complete (its day's central optimum still unsolved), so the rounds chart grows while the day plays.
 */
async function refreshRun(id) {
  let from = S.rounds.findIndex(r => r.centralOptimumEur === null);
  if (from < 0) from = S.rounds.length;
  const r = await api('/api/runs/' + id + '?roundsFrom=' + from);
  if (id !== S.runId) return;
  const before = S.rounds.length, unsolved = S.rounds.length - from;
  S.rounds = S.rounds.slice(0, from).concat(r.negotiationRounds);
  r.negotiationRounds = S.rounds;
  S.run = r;
  if (S.rounds.length !== before || unsolved && r.negotiationRounds.slice(from).some(x => x.centralOptimumEur !== null)) {
    dirty.negotiation = true; dirty.prices = true;
    scheduleDraw();
  }
}

function showState() {
  const r = S.run;
  if (!r) return;
  let text = 'run ' + r.id + ' (' + r.mechanism + '): ' + r.state;
  if (r.state === 'running') text += ', day ' + (r.daysFinished + 1) + ' of ' + r.days;
  if (r.state === 'done') text += ' in ' + fmt(r.wallSeconds, 1) + ' s';
  if (r.error) text += ' — ' + r.error;
  $('run-state').textContent = text;
  $('run-state').dataset.state = r.state;
}

// ---------- playing and stepping

function play() {
  pause();
  S.playing = true;
  S.timer = setInterval(() => {
    if (S.cursor < S.msgs.length) stepMessage();
    else if (S.run && S.run.state !== 'running' && S.run.state !== 'queued' && S.results) pause();
  }, Number($('speed').value));
}
function pause() { S.playing = false; if (S.timer) clearInterval(S.timer); S.timer = null; }

/** Reveals messages up to {@code to}; redraws only the charts the new messages change. */
function reveal(to) {
  const from = S.cursor;
  S.cursor = Math.max(0, Math.min(S.msgs.length, to));
  const last = S.msgs[S.cursor - 1];
  if (last && last.day >= 0 && last.day !== S.day) { S.day = last.day; S.interval = 0; dirty.all = true; }
  if (S.cursor < from) dirty.all = true;
  const was = S.msgs[from - 1];
  if (last && (!was || was.round !== last.round)) dirty.negotiation = true;
  for (let i = from; i < S.cursor; i++) {
    const m = S.msgs[i];
    if (m.billEur !== null && m.billEur !== undefined) { dirty.community = true; dirty.bills = true; }
    if (m.messageType === 'PricesAnnouncement' || m.messageType === 'Acceptance') dirty.prices = true;
  }
  renderMessages();
  scheduleDraw();
}
function stepMessage() { reveal(S.cursor + 1); }
function stepRound() {
  const at = S.msgs[S.cursor] || S.msgs[S.cursor - 1];
  if (!at) return;
  let i = S.cursor;
  while (i < S.msgs.length && S.msgs[i].day === at.day && S.msgs[i].round === at.round && S.msgs[i].phase === at.phase) i++;
  reveal(Math.max(i, S.cursor + 1));
}
function stepDay() {
  const at = S.msgs[S.cursor] || S.msgs[S.cursor - 1];
  if (!at) return;
  let i = S.cursor;
  while (i < S.msgs.length && S.msgs[i].day <= Math.max(at.day, 0)) i++;
  reveal(Math.max(i, S.cursor + 1));
}
function stepInterval() {
  const n = S.scenario.intervalsPerDay;
  S.interval += 1;
  if (S.interval >= n) {
    S.interval = 0;
    if (S.day + 1 < S.scenario.days && S.msgs.some(m => m.day === S.day + 1)) {
      S.day += 1;
      let i = S.cursor;
      while (i < S.msgs.length && S.msgs[i].day <= S.day) i++;
      reveal(i);
      return;
    }
  }
  dirty.community = true; dirty.prices = true; dirty.energy = true;
  scheduleDraw();
}

function renderMessages() {
  const filter = $('filter').value;
  const body = $('message-rows');
  if (S.rendered > S.cursor) { S.rendered = 0; body.innerHTML = ''; }
  const from = Math.max(S.rendered, S.cursor - ROWS_SHOWN);
  const frag = document.createDocumentFragment();
  for (let i = from; i < S.cursor; i++) {
    const m = S.msgs[i];
    if (filter && m.household !== filter) continue;
    const tr = document.createElement('tr');
    tr.className = m.performative;
    tr.innerHTML = '<td class="num">' + m.index + '</td><td class="num">' + (m.day < 0 ? 'join' : m.day) + '</td><td class="num">'
      + m.round + '</td><td class="perf">' + esc(m.performative) + '</td><td>' + esc(m.sender) + ' → ' + esc(m.receiver)
      + '</td><td>' + esc(m.text) + '</td>';
    frag.appendChild(tr);
  }
  const old = body.querySelector('tr.latest');
  if (old) old.classList.remove('latest');
  body.appendChild(frag);
  while (body.rows.length > ROWS_SHOWN) body.deleteRow(0);
  if (body.lastElementChild) body.lastElementChild.classList.add('latest');
  S.rendered = S.cursor;
  $('message-count').textContent = S.cursor + ' of ' + S.total + ' shown';
  $('position').textContent = 'day ' + S.day + ', interval ' + S.interval;
  const box = $('messages');
  box.scrollTop = box.scrollHeight;
}

let drawPending = false;
const dirty = { all: true };
function scheduleDraw() {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(() => {
    drawPending = false;
    const d = Object.assign({}, dirty);
    for (const k of Object.keys(dirty)) delete dirty[k];
    if (d.all) { drawAll(); return; }
    if (d.community) drawCommunity();
    if (d.prices) drawPrices();
    if (d.energy) drawEnergy();
    if (d.bills) drawBills();
    if (d.negotiation) drawNegotiation();
  });
}

// ---------- data of the current day

function rowsOf(name, day) { return S.results ? S.results[name].filter(r => Number(r.day) === day) : []; }

/** Bills revealed so far on the current day (settlement messages), else the results' bills. */
function revealedBills() {
  const bills = {};
  for (let i = 0; i < S.cursor; i++) {
    const m = S.msgs[i];
    if (m.day === S.day && m.billEur !== null && m.billEur !== undefined) bills[m.household] = m.billEur;
  }
  if (S.browsing) for (const r of rowsOf('households', S.day)) bills[r.household] = Number(r.billEur);
  return bills;
}

function drawAll() {
  drawCommunity();
  drawPrices();
  drawNegotiation();
  drawEnergy();
  drawBills();
  drawEquity();
}

function colourScale(bills) {
  const values = Object.values(bills);
  return { min: values.length ? Math.min(...values) : 0, max: values.length ? Math.max(...values) : 1 };
}

function drawCommunity() {
  const sc = S.scenario, bills = revealedBills(), scale = colourScale(bills);
  const groups = sc.groups;
  let data;
  if (sc.households.length > AGGREGATE_ABOVE) {
    const cells = {};
    for (const h of sc.households) {
      const kind = (h.pvKwp > 0 ? 'PV' : 'no PV') + (h.batteryKwh > 0 ? ' + battery' : '');
      const key = h.group + '|' + kind;
      const c = cells[key] || (cells[key] = { group: h.group, kind, n: 0, sum: 0, billed: 0 });
      c.n++;
      if (bills[h.id] !== undefined) { c.sum += bills[h.id]; c.billed++; }
    }
    const kinds = ['no PV', 'PV', 'PV + battery', 'no PV + battery'];
    data = Object.values(cells).map(c => ({
      value: [kinds.indexOf(c.kind), groups.indexOf(c.group), c.billed ? c.sum / c.billed : null],
      name: c.group + ', ' + c.kind + ': ' + c.n + ' households' + (c.billed ? ', mean bill ' + fmt(c.sum / c.billed) + ' EUR' : ''),
      symbolSize: 14 + 50 * Math.sqrt(c.n / sc.households.length)
    }));
    chart('community').setOption({ animation: false,
      tooltip: { formatter: p => esc(p.name) }, grid: { left: 80, right: 90, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: kinds }, yAxis: { type: 'category', data: groups, name: 'group' },
      visualMap: visual(scale), series: [{ type: 'scatter', data, label: { show: true, formatter: p => p.name.split(': ')[1].split(' ')[0] } }]
    }, true);
  } else {
    const n = sc.households.length, small = n > 30;
    const perRow = small ? Math.max(10, Math.ceil(1.5 * Math.sqrt(n))) : 1e9;
    const counts = {};
    for (const h of sc.households) counts[h.group] = (counts[h.group] || 0) + 1;
    const perGroup = {};
    data = sc.households.map(h => {
      const k = perGroup[h.group] = (perGroup[h.group] || 0) + 1;
      const rows = Math.ceil(counts[h.group] / perRow), row = Math.floor((k - 1) / perRow);
      const y = groups.indexOf(h.group) + (rows > 1 ? (row / (rows - 1) - 0.5) * 0.7 : 0);
      const bill = bills[h.id];
      return {
        value: [(k - 1) % perRow, y, bill === undefined ? null : bill], id: h.id,
        name: h.id + (h.pvKwp > 0 ? ' ☀' : '') + (h.batteryKwh > 0 ? ' ▮' : ''),
        symbol: h.pvKwp > 0 ? 'triangle' : 'circle', symbolSize: (h.batteryKwh > 0 ? 30 : 24) * (small ? 0.55 : 1),
        itemStyle: bill === undefined ? { color: '#c8c8c8' } : undefined,
        tooltip: h.id + ' (' + h.group + '), PV ' + fmt(h.pvKwp, 1) + ' kWp, battery ' + fmt(h.batteryKwh, 1) + ' kWh, income '
          + fmt(h.dailyIncomeEur) + ' EUR/day' + (bill === undefined ? '' : ', bill ' + fmt(bill) + ' EUR')
      };
    });
    chart('community').setOption({ animation: false,
      tooltip: { formatter: p => esc(p.data.tooltip) }, grid: { left: 70, right: 90, top: 20, bottom: 30 },
      xAxis: { type: 'value', show: false, min: -3 },
      yAxis: { type: 'value', show: false, min: -0.6, max: groups.length - 0.4 },
      visualMap: visual(scale),
      series: [{ type: 'scatter', data, label: { show: !small, position: 'bottom', fontSize: 10, formatter: p => p.data.name } },
        { type: 'scatter', silent: true, tooltip: { show: false }, symbolSize: 0,
          data: groups.map((g, i) => ({ value: [-2.8, i, null], name: g })),
          label: { show: true, position: 'right', fontWeight: 'bold', formatter: p => p.name } }]
    }, true);
    chart('community').off('click');
    chart('community').on('click', p => p.data && p.data.id && selectHousehold(p.data.id));
  }
  const iv = rowsOf('intervals', S.day).find(r => Number(r.interval) === S.interval);
  $('interval-label').textContent = 'day ' + S.day + ', interval ' + S.interval;
  $('flows').textContent = iv
    ? 'Interval ' + S.interval + ' (' + fmt(iv.hour, 2) + ' h): pool trades ' + fmt(iv.poolTradedKwh) + ' kWh, grid import '
      + fmt(iv.importKwh) + ' kWh, export ' + fmt(iv.exportKwh) + ' kWh, load ' + fmt(iv.loadKwh) + ' kWh, PV ' + fmt(iv.pvKwh) + ' kWh.'
    : 'Pool trades and grid flows of each interval appear when the day is settled. Triangles: PV; big symbols: battery.';
}

function visual(scale) {
  return { type: 'continuous', dimension: 2, seriesIndex: 0, min: scale.min, max: scale.max === scale.min ? scale.min + 1 : scale.max,
    inRange: { color: ['#1a9850', '#fee08b', '#d73027'] }, text: ['bill high', 'low'], right: 0, calculable: false,
    formatter: v => fmt(v) + ' EUR' };
}

function drawPrices() {
  const rows = rowsOf('intervals', S.day);
  const hours = rows.map(r => fmt(r.hour, 2));
  const series = [
    { name: 'import price', type: 'line', step: 'start', data: rows.map(r => Number(r.importPriceEurPerKwh)) },
    { name: 'export price', type: 'line', step: 'start', data: rows.map(r => Number(r.exportPriceEurPerKwh)) },
    { name: 'pool price', type: 'line', step: 'start', data: rows.map(r => Number(r.poolPriceEurPerKwh)),
      markLine: markInterval() }
  ];
  let rounds = (S.run && S.run.roundPrices ? S.run.roundPrices : []).filter(p => p.day === S.day && p.round
    <= currentRound());
  // ADMM and decomposition announce no PricesAnnouncement: their rounds' pool prices come with the run's rounds
  if (!rounds.length) rounds = negotiationRows();
  for (const p of rounds.slice(-8)) {
    series.push({ name: 'round ' + p.round, type: 'line', lineStyle: { type: 'dashed', width: 1 }, symbol: 'none',
      data: p.poolPriceEurPerKwh });
  }
  const labels = hours.length ? hours : (rounds.length ? rounds[0].poolPriceEurPerKwh.map((_, i) => String(i)) : []);
  chart('chart-prices').setOption({ animation: false,
    tooltip: { trigger: 'axis' }, legend: { type: 'scroll', top: 0 }, grid: { left: 60, right: 20, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: labels, name: 'hour', nameLocation: 'middle', nameGap: 25 },
    yAxis: { type: 'value', name: 'EUR/kWh' }, series
  }, true);
}

const GAP_FLOOR = 1e-12;

/** Every round of the run followed (as far as it has played) or of the run folder browsed. */
function allNegotiationRows() {
  if (S.browsing) return S.results && S.results.negotiationRounds ? S.results.negotiationRounds : [];
  return S.rounds;
}

/** The rounds of the current day up to the round the messages shown have reached. */
function negotiationRows() {
  const round = S.browsing ? 1e9 : currentRound();
  return allNegotiationRows().filter(r => r.day === S.day && r.round <= round);
}

/** Gap to the central optimum and residuals by round (decentralised runs; hidden otherwise). */
function drawNegotiation() {
  const all = allNegotiationRows();
  const box = $('negotiation-box');
  if (!all.length) { box.hidden = true; return; }
  const wasHidden = box.hidden;
  box.hidden = false;
  const rows = negotiationRows();
  const solving = rows.some(r => r.centralOptimumEur === null) && !S.browsing && S.run && S.run.state === 'running';
  $('negotiation-label').textContent = '(' + rows.length + ' rounds of ' + all[0].mechanism + ', day ' + S.day
    + (solving ? '; the central optimum is being solved' : '') + ')';
  const floor = v => v === null || v === undefined ? null : Math.max(Math.abs(v), GAP_FLOOR);
  const positive = v => v === null || v === undefined || !(v > 0) ? null : v;
  const boundGap = r => r.lowerBoundEur === null || r.centralOptimumEur === null ? null
    : floor((r.centralOptimumEur - r.lowerBoundEur) / Math.max(Math.abs(r.centralOptimumEur), 1));
  const residuals = rows.some(r => positive(r.primalResidualKwh) !== null || positive(r.dualResidualEurPerKwh) !== null);
  const c = chart('chart-negotiation');
  if (wasHidden) c.resize();
  c.setOption({ animation: false,
    tooltip: { trigger: 'axis' }, legend: { type: 'scroll', top: 0 }, grid: { left: 60, right: residuals ? 170 : 30, top: 60, bottom: 40 },
    xAxis: { type: 'category', data: rows.map(r => String(r.round)), name: 'round', nameLocation: 'middle', nameGap: 25 },
    yAxis: [
      { type: 'log', name: 'gap (share)', axisLabel: { formatter: v => Number(v).toExponential(0) } },
      { type: 'log', name: 'primal (kWh)', position: 'right', show: residuals, nameTextStyle: { align: 'left' },
        axisLabel: { formatter: v => Number(v).toExponential(0) } },
      { type: 'log', name: 'dual (EUR/kWh)', position: 'right', offset: 70, show: residuals, nameGap: 30, nameTextStyle: { align: 'right' },
        axisLabel: { formatter: v => Number(v).toExponential(0) } }
    ],
    series: [
      { name: 'gap to central', type: 'line', data: rows.map(r => floor(r.gapToCentral)) },
      { name: 'bound gap', type: 'line', lineStyle: { type: 'dashed' }, data: rows.map(boundGap) },
      { name: 'primal residual', type: 'line', yAxisIndex: 1, data: rows.map(r => positive(r.primalResidualKwh)) },
      { name: 'dual residual', type: 'line', yAxisIndex: 2, data: rows.map(r => positive(r.dualResidualEurPerKwh)) }
    ]
  }, true);
}

/**
 * The negotiation round the messages shown have reached on the current day: the highest round of
 * its messages shown so far (an award names the awarded round and a note round 0, so the last
 * message alone could go back); -1 before the day's first message, every round after the day.
 */
function currentRound() {
  let round = -1;
  for (let i = S.cursor - 1; i >= 0; i--) {
    const m = S.msgs[i];
    if (m.day > S.day) return 1e9;
    if (m.day < S.day) break;
    if (m.round > round) round = m.round;
  }
  return round;
}

function markInterval() {
  return { symbol: 'none', silent: true, lineStyle: { color: '#1f77b4', width: 2 }, label: { formatter: 'now' },
    data: [{ xAxis: S.interval }] };
}

function drawEnergy() {
  const rows = rowsOf('intervals', S.day);
  const col = k => rows.map(r => Number(r[k]));
  chart('chart-energy').setOption({ animation: false,
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 60, right: 20, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: rows.map(r => fmt(r.hour, 2)), name: 'hour', nameLocation: 'middle', nameGap: 25 },
    yAxis: { type: 'value', name: 'kWh' },
    series: [
      { name: 'load', type: 'line', data: col('loadKwh'), markLine: markInterval() },
      { name: 'PV', type: 'line', data: col('pvKwh') },
      { name: 'grid import', type: 'bar', data: col('importKwh') },
      { name: 'grid export', type: 'bar', data: col('exportKwh') },
      { name: 'pool traded', type: 'bar', data: col('poolTradedKwh') }
    ]
  }, true);
}

function drawBills() {
  const sc = S.scenario;
  const rows = rowsOf('households', S.day);
  let names, bills, shares;
  if (sc.households.length > AGGREGATE_ABOVE) {
    const groups = sc.groups;
    names = groups;
    const mean = (g, k) => { const rs = rows.filter(r => r.group === g); return rs.length ? rs.reduce((a, r) => a + Number(r[k]), 0) / rs.length : null; };
    bills = groups.map(g => mean(g, 'billEur'));
    shares = groups.map(g => mean(g, 'shareEur'));
  } else {
    names = sc.households.map(h => h.id);
    if (rows.length) {
      const by = Object.fromEntries(rows.map(r => [r.household, r]));
      bills = names.map(n => by[n] ? Number(by[n].billEur) : null);
      shares = names.map(n => by[n] ? Number(by[n].shareEur) : null);
    } else {
      const revealed = revealedBills();
      bills = names.map(n => revealed[n] === undefined ? null : revealed[n]);
      shares = names.map(() => null);
    }
  }
  const c = chart('chart-bills');
  c.setOption({ animation: false,
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 60, right: 20, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: names, axisLabel: { rotate: 45 }, name: sc.households.length > AGGREGATE_ABOVE ? 'group (mean)' : '' },
    yAxis: { type: 'value', name: 'EUR/day' },
    series: [{ name: 'bill', type: 'bar', data: bills }, { name: 'share of the gain', type: 'bar', data: shares }]
  }, true);
  c.off('click');
  c.on('click', p => { if (sc.households.length <= AGGREGATE_ABOVE) selectHousehold(p.name); });
}

function drawEquity() {
  const days = S.results && S.results.summary ? S.results.summary.dayResults || [] : [];
  const shown = days.filter(d => S.browsing || d.day <= S.day);
  chart('chart-equity').setOption({ animation: false,
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 60, right: 60, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: shown.map(d => 'day ' + d.day) },
    yAxis: [{ type: 'value', name: 'Gini of burden' }, { type: 'value', name: 'price of fairness' }],
    series: [
      { name: 'Gini of energy burden (after settlement, all households)', type: 'line', data: shown.map(d => d.equity ? d.equity.giniEnergyBurden : null) },
      { name: 'price of fairness (share of gain)', type: 'line', yAxisIndex: 1, data: shown.map(d => d.priceOfFairness) }
    ]
  }, true);
}

// ---------- a household

async function selectHousehold(id) {
  S.selected = id;
  $('hh-title').textContent = id;
  const row = rowsOf('households', S.day).find(r => r.household === id);
  const expl = rowsOf('explanations', S.day).find(r => r.household === id);
  let detail = null;
  if (!S.browsing && S.runId !== null) {
    try { detail = await api('/api/runs/' + S.runId + '/households/' + encodeURIComponent(id)); } catch (e) { detail = null; }
  }
  const day = detail && detail.days ? detail.days[S.day] : null;
  const h = S.scenario.households.find(x => x.id === id) || {};
  const sum = a => a ? a.reduce((x, y) => x + y, 0) : null;
  let html = '<p>' + esc(id) + ' — group ' + esc(h.group) + ', PV ' + fmt(h.pvKwp, 1) + ' kWp, battery ' + fmt(h.batteryKwh, 1)
    + ' kWh, income ' + fmt(h.dailyIncomeEur) + ' EUR/day. Day ' + S.day + '.</p>';
  if (day && day.bid) {
    html += '<p><b>Bid:</b> load ' + fmt(sum(day.bid.loadKwh), 1) + ' kWh, PV ' + fmt(sum(day.bid.pvKwh), 1) + ' kWh, battery offered '
      + fmt(day.bid.batteryKwh, 1) + ' kWh, strategy ' + esc(day.bid.strategy) + '.</p>';
  }
  const s = day && day.settlement;
  const standalone = s ? s.standaloneCostEur : row && Number(row.standaloneCostEur);
  const share = s ? s.shareEur : row && Number(row.shareEur);
  const bill = s ? s.billEur : row && Number(row.billEur);
  if (bill !== undefined && bill !== null) {
    html += '<table id="bill-table"><tr><th>alone it would pay (C0)</th><td class="num">' + fmt(standalone) + ' EUR</td></tr>'
      + '<tr><th>− its share of the community gain (φ)</th><td class="num">' + fmt(share) + ' EUR</td></tr>'
      + '<tr><th>= bill (B)</th><td class="num"><b>' + fmt(bill) + ' EUR</b></td></tr>'
      + (row ? '<tr><th>energy cost in the dispatch (C)</th><td class="num">' + fmt(row.energyCostEur) + ' EUR</td></tr>'
        + '<tr><th>energy burden (B / income)</th><td class="num">' + fmt(100 * Number(row.energyBurden), 2) + ' %</td></tr>' : '')
      + '</table>';
  }
  const sentence = s ? s.explanation : expl ? expl.explanation : null;
  html += sentence ? '<p class="explanation">' + esc(sentence) + '</p>' : '<p class="note">The bill and its explanation come with the settlement message.</p>';
  $('hh-detail').innerHTML = html;
  const sch = day && day.schedule;
  chart('chart-schedule').setOption({ animation: false,
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 60, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: sch ? sch.importKwh.map((_, i) => String(i)) : [], name: 'interval' },
    yAxis: { type: 'value', name: 'kWh' },
    series: sch ? ['importKwh', 'exportKwh', 'buyKwh', 'sellKwh', 'chargeKwh', 'dischargeKwh'].map(k => ({
      name: k.replace('Kwh', ''), type: 'bar', stack: k === 'importKwh' || k === 'buyKwh' || k === 'dischargeKwh' ? 'in' : 'out', data: sch[k] })) : []
  }, true);
}

// ---------- re-run and compare

function formSettings() {
  const weights = {};
  for (const input of document.querySelectorAll('#weights input')) weights[input.dataset.group] = input.value === '' ? null : Number(input.value);
  const household = $('strategy-household').value;
  return {
    weights, rawlsianStrengthEur: $('rho').value === '' ? null : Number($('rho').value), pricing: $('pricing').value,
    settlementRule: $('settlement').value, mechanism: $('mechanism').value,
    strategyHousehold: household || null, strategy: household ? $('strategy').value : null
  };
}

async function rerun() {
  $('form-error').hidden = true;
  try {
    const run = await api('/api/runs', { method: 'POST', body: JSON.stringify(formSettings()) });
    $('compare').innerHTML = '<p class="note">Run ' + run.id + ' started; the comparison appears when it is done.</p>';
    follow(run.id, true);
  } catch (e) {
    $('form-error').textContent = e.message;
    $('form-error').hidden = false;
  }
}

function compare() {
  if (!S.previous || !S.results) return;
  const total = (rs, k) => rs.reduce((a, r) => a + Number(r[k]), 0);
  const key = r => r.day + '/' + r.household;
  const before = Object.fromEntries(S.previous.households.map(r => [key(r), r]));
  const rows = S.results.households.filter(r => Number(r.day) === S.day);
  let html = '<h3>This run against the previous one (day ' + S.day + ')</h3><table id="compare-table"><tr><th>household</th><th>group</th>'
    + '<th>bill before (EUR)</th><th>bill now (EUR)</th><th>change (EUR)</th></tr>';
  for (const r of rows.slice(0, AGGREGATE_ABOVE)) {
    const b = before[key(r)];
    const change = b ? Number(r.billEur) - Number(b.billEur) : null;
    html += '<tr><td>' + esc(r.household) + '</td><td>' + esc(r.group) + '</td><td class="num">' + fmt(b && b.billEur) + '</td><td class="num">'
      + fmt(r.billEur) + '</td><td class="num ' + (change < -0.005 ? 'better' : change > 0.005 ? 'worse' : '') + '">' + fmt(change) + '</td></tr>';
  }
  const prevDays = S.previous.summary ? S.previous.summary.totals : null, nowDays = S.results.summary ? S.results.summary.totals : null;
  html += '</table>';
  if (prevDays && nowDays) {
    html += '<p>Community cost over the run: ' + fmt(prevDays.communityCostEur) + ' → ' + fmt(nowDays.communityCostEur)
      + ' EUR; bills in total ' + fmt(total(S.previous.households, 'billEur')) + ' → ' + fmt(total(S.results.households, 'billEur')) + ' EUR.</p>';
  }
  $('compare').innerHTML = html;
}

// ---------- results folder (read-only)

async function loadResultsList() {
  try {
    const files = await api('/api/results');
    const dirs = [...new Set(files.filter(f => f.path.endsWith('summary.json')).map(f => f.path.replace(/\/?summary\.json$/, '')))];
    let html = '<p class="note">Run folders (open one to chart it):</p><ul>';
    for (const d of dirs) html += '<li><a class="file" data-dir="' + esc(d) + '">' + esc(d || '(this folder)') + '</a></li>';
    html += '</ul><p class="note">Files:</p><ul>';
    for (const f of files.slice(0, 500)) html += '<li><a class="file" data-path="' + esc(f.path) + '">' + esc(f.path) + '</a> <small>' + f.bytes + ' B</small></li>';
    $('results-list').innerHTML = html + '</ul>';
    for (const a of document.querySelectorAll('#results-list a.file')) {
      a.onclick = () => a.dataset.dir !== undefined ? openRunFolder(a.dataset.dir) : openFile(a.dataset.path);
    }
  } catch (e) {
    $('results-list').innerHTML = '<pre class="error">' + esc(e.message) + '</pre>';
  }
}

async function openRunFolder(dir) {
  pause();
  const view = await api('/api/results/view?dir=' + encodeURIComponent(dir));
  S.runId = null; S.browsing = true; S.results = view; S.day = 0; S.interval = 0;
  $('run-state').textContent = 'browsing ' + (dir || 'the results folder') + ' (read-only)';
  drawAll();
}

async function openFile(path) {
  try {
    const f = await api('/api/results/file?path=' + encodeURIComponent(path));
    let html = '<p><b>' + esc(f.path) + '</b></p>';
    if (f.kind === 'csv') {
      const cols = f.rows.length ? Object.keys(f.rows[0]) : [];
      html += '<table><tr>' + cols.map(c => '<th>' + esc(c) + '</th>').join('') + '</tr>';
      for (const r of f.rows.slice(0, 200)) html += '<tr>' + cols.map(c => '<td>' + esc(r[c]) + '</td>').join('') + '</tr>';
      html += '</table>' + (f.rows.length > 200 ? '<p class="note">first 200 of ' + f.rows.length + ' rows</p>' : '');
    } else {
      html += '<pre>' + esc(f.kind === 'json' ? JSON.stringify(f.json, null, 2) : f.text).slice(0, 100000) + '</pre>';
    }
    $('results-file').innerHTML = html;
  } catch (e) {
    $('results-file').innerHTML = '<pre class="error">' + esc(e.message) + '</pre>';
  }
}

// ---------- teacher's classroom panel

function teacherPanel() {
  const box = document.createElement('section');
  box.className = 'card';
  box.id = 'teacher-box';
  box.innerHTML = '<h2>Classroom (teacher)</h2><label>bidding time (s) <input id="open-seconds" type="number" value="120" min="5">'
    + '</label> <button id="open-bidding">Open bidding</button> <button id="close-bidding">Close now and run the day</button>'
    + '<div id="class-state"></div><div id="ranking"></div>';
  document.querySelector('main').prepend(box);
  $('open-bidding').onclick = () => api('/api/classroom/open', { method: 'POST', body: JSON.stringify({ seconds: Number($('open-seconds').value) }) })
    .catch(e => alert(e.message));
  $('close-bidding').onclick = () => api('/api/classroom/close', { method: 'POST', body: '{}' }).catch(e => alert(e.message));
  setInterval(async () => {
    try {
      const st = await api('/api/classroom/teacher');
      $('class-state').innerHTML = '<p>' + esc(st.phase) + (st.phase === 'open' ? ', ' + st.secondsLeft + ' s left' : '') + ' — '
        + st.claimed + ' of ' + st.capacity + ' seats taken, ' + st.bids + ' bids.</p><ul>'
        + st.seats.map(s => '<li>' + esc(s.household) + ': ' + esc(s.bid) + '</li>').join('') + '</ul>' + (st.error ? '<pre class="error">' + esc(st.error) + '</pre>' : '');
      $('ranking').innerHTML = rankingTable(st.ranking);
      if (st.runId && st.runId !== S.runId) follow(st.runId, true);
    } catch (e) { $('class-state').textContent = e.message; }
  }, 1000);
}

function rankingTable(rows) {
  if (!rows || !rows.length) return '';
  return '<table id="ranking-table"><tr><th>rank</th><th>household</th><th>group</th><th>played by</th><th>bid</th><th>bill (EUR)</th>'
    + '<th>truthful bill (EUR)</th><th>difference (EUR)</th></tr>' + rows.map(r => '<tr><td>' + r.rank + '</td><td>' + esc(r.household)
      + '</td><td>' + esc(r.group) + '</td><td>' + esc(r.player) + '</td><td>' + esc(r.strategy) + '</td><td class="num">' + fmt(r.billEur)
      + '</td><td class="num">' + fmt(r.truthfulBillEur) + '</td><td class="num ' + (r.differenceEur < -0.005 ? 'better' : r.differenceEur > 0.005 ? 'worse' : '')
      + '">' + fmt(r.differenceEur) + '</td></tr>').join('') + '</table>';
}

window.addEventListener('DOMContentLoaded', () => init().catch(e => { $('run-state').textContent = 'error: ' + e.message; }));
