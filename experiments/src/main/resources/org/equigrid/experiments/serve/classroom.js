// equigrid classroom: one student's page. The session token lives in this tab only (sessionStorage).
'use strict';
const $ = id => document.getElementById(id);
const fmt = (x, d = 2) => (x === null || x === undefined || isNaN(Number(x))) ? '–' : Number(x).toFixed(d);
const esc = s => String(s === null || s === undefined ? '' : s).replace(/[&<>"']/g,
  c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
let token = sessionStorage.getItem('equigrid-token');
let me = null;
let profileChart = null;

async function api(path, options) {
  const opts = Object.assign({ headers: {} }, options || {});
  if (opts.body !== undefined) opts.headers['Content-Type'] = 'application/json';
  if (token) opts.headers['X-Session-Token'] = token;
  const response = await fetch(path, opts);
  const data = await response.json().catch(() => ({ error: 'not JSON (' + response.status + ')' }));
  if (!response.ok) throw new Error(data.error || ('HTTP ' + response.status));
  return data;
}

async function claim() {
  try {
    const seat = await api('/api/classroom/claim', { method: 'POST', body: '{}' });
    token = seat.token;
    sessionStorage.setItem('equigrid-token', token);
    await refresh();
  } catch (e) { $('me').innerHTML = '<pre class="error">' + esc(e.message) + '</pre>'; }
}

async function sendBid(event) {
  event.preventDefault();
  $('bid-error').hidden = true;
  try {
    me = await api('/api/classroom/bid', { method: 'POST', body: JSON.stringify({
      household: me.household.id, loadFactor: Number($('load-factor').value),
      eveningLoadFactor: Number($('evening-factor').value), offerBattery: $('offer-battery').checked }) });
    show();
  } catch (e) { $('bid-error').textContent = e.message; $('bid-error').hidden = false; }
}

async function refresh() {
  try {
    if (token) { me = await api('/api/classroom/me'); show(); }
    else { const st = await api('/api/classroom'); showPhase(st); }
  } catch (e) {
    if (token) { token = null; sessionStorage.removeItem('equigrid-token'); }
    $('me').innerHTML = '<pre class="error">' + esc(e.message) + '</pre>';
  }
}

function showPhase(st) {
  $('class-phase').textContent = '— ' + st.phase + (st.phase === 'open' ? ', ' + st.secondsLeft + ' s left' : '')
    + ' (' + st.claimed + ' of ' + st.capacity + ' seats taken)';
  if (st.ranking && st.ranking.length) {
    $('ranking').innerHTML = '<table id="ranking-table"><tr><th>rank</th><th>household</th><th>played by</th><th>bid</th><th>bill (EUR)</th>'
      + '<th>truthful bill (EUR)</th><th>difference (EUR)</th></tr>' + st.ranking.map(r => '<tr' + (me && r.household === me.household.id
        ? ' class="latest"' : '') + '><td>' + r.rank + '</td><td>' + esc(r.household) + '</td><td>' + esc(r.player) + '</td><td>'
        + esc(r.strategy) + '</td><td class="num">' + fmt(r.billEur) + '</td><td class="num">' + fmt(r.truthfulBillEur)
        + '</td><td class="num">' + fmt(r.differenceEur) + '</td></tr>').join('') + '</table>';
  }
}

function show() {
  const h = me.household;
  $('claim').hidden = true;
  $('offer-battery').disabled = !(h.batteryKwh > 0);
  $('offer-battery').parentElement.title = h.batteryKwh > 0 ? '' : 'this household has no battery';
  $('me').innerHTML = '<p id="my-household">You play <b>' + esc(h.id) + '</b> (' + esc(h.group) + ' income, ' + fmt(h.dailyIncomeEur)
    + ' EUR/day), PV ' + fmt(h.pvKwp, 1) + ' kWp, battery ' + fmt(h.batteryKwh, 1) + ' kWh. Today: load '
    + fmt(h.loadKwh.reduce((a, b) => a + b, 0), 1) + ' kWh, solar ' + fmt(h.pvKwh.reduce((a, b) => a + b, 0), 1) + ' kWh.</p>';
  $('bid-state').textContent = me.bid ? 'Your bid: load × ' + me.bid.loadFactor + ', evening × ' + me.bid.eveningLoadFactor
    + (me.bid.offerBattery ? ', battery offered' : ', battery kept out') + '.' : 'No bid yet: you bid the truth unless you send one.';
  showPhase(me);
  if (!profileChart) profileChart = echarts.init($('chart-profile'));
  const t = me.tariff;
  profileChart.setOption({
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 50, right: 60, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: h.loadKwh.map((_, i) => fmt(i * t.intervalHours, 1)), name: 'hour' },
    yAxis: [{ type: 'value', name: 'kWh' }, { type: 'value', name: 'EUR/kWh' }],
    series: [{ name: 'load', type: 'bar', data: h.loadKwh }, { name: 'solar', type: 'bar', data: h.pvKwh },
      { name: 'import price', type: 'line', step: 'start', yAxisIndex: 1, data: t.importPriceEurPerKwh },
      { name: 'export price', type: 'line', step: 'start', yAxisIndex: 1, data: t.exportPriceEurPerKwh }]
  });
}

window.addEventListener('DOMContentLoaded', () => {
  $('claim').onclick = claim;
  $('bid-form').onsubmit = sendBid;
  refresh();
  setInterval(refresh, 1500);
});
