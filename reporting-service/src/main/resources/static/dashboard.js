// The executives' dashboard: one EventSource on /api/statistics/stream, re-rendered on
// every snapshot. Figures only: the stream carries no identifiers.
(function () {
  'use strict';

  const OUTCOMES = [
    ['content', 'Content', '#2b6cb0'],
    ['nonContent', 'Non-content only', '#63b3ed'],
    ['noDataFound', 'No data found', '#a0aec0'],
    ['rejected', 'Rejected', '#dd6b20'],
  ];
  const number = new Intl.NumberFormat('en-US');
  let source = null;
  let latest = null;
  let charts = null;

  function periods() {
    const select = document.getElementById('period');
    const options = [['all', 'All time']];
    for (let year = new Date().getUTCFullYear(); year >= 2011; year--) {
      options.push([String(year), String(year)]);
      options.push([year + '-H2', year + ' July–December']);
      options.push([year + '-H1', year + ' January–June']);
    }
    const wanted = new URLSearchParams(location.search).get('period');
    // an older period named in the address gets options of its own (a year with its halves)
    if (wanted && /^\d{4}(-H[12])?$/.test(wanted) && !options.some(([value]) => value === wanted)) {
      const extra = /-H/.test(wanted) ? [wanted] : [wanted, wanted + '-H1', wanted + '-H2'];
      extra.forEach((value) => options.push([value, value]));
    }
    for (const [value, label] of options) {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = label;
      select.appendChild(option);
    }
    select.value = options.some(([value]) => value === wanted) ? wanted : 'all';
    select.addEventListener('change', () => {
      const url = new URL(location.href);
      url.searchParams.set('period', select.value);
      history.replaceState(null, '', url);
      connect(select.value);
    });
    document.getElementById('bucket').addEventListener('change', () => latest && render(latest));
    return select.value;
  }

  function set(name, value) {
    document.querySelectorAll('[data-figure="' + name + '"]').forEach((el) => { el.textContent = value; });
  }

  function count(value) { return number.format(value || 0); }

  function percent(part, whole) { return whole ? (Math.round(part * 1000 / whole) / 10).toFixed(1) + '%' : '0.0%'; }

  function duration(seconds, total, longest) {
    if (!total) { return '–'; }
    if (seconds === null || seconds === undefined) { return 'over ' + Math.round(longest / 86400) + ' days'; }
    if (seconds < 3600) { return '≤ ' + Math.round(seconds / 60) + ' min'; }
    if (seconds < 86400) { return '≤ ' + Math.round(seconds / 3600) + ' h'; }
    return '≤ ' + Math.round(seconds / 86400) + ' days';
  }

  function status(kind, text) {
    const el = document.getElementById('connection');
    el.className = 'status ' + kind;
    el.textContent = text;
  }

  function connect(period) {
    if (source) { source.close(); }
    status('connecting', 'Connecting…');
    source = new EventSource('api/statistics/stream?period=' + encodeURIComponent(period));
    source.onopen = () => status('live', 'Live');
    source.addEventListener('figures', (event) => {
      status('live', 'Live');
      latest = JSON.parse(event.data);
      render(latest);
    });
    source.onerror = () => {
      status(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting',
        source.readyState === EventSource.CLOSED ? 'Offline' : 'Reconnecting…');
      // a stream refused because the session ended: load the page again, which signs in
      if (source.readyState === EventSource.CLOSED) {
        fetch('api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
          .then((response) => { if (response.status === 401) { location.reload(); } })
          .catch(() => {});
      }
    };
    document.getElementById('report-link').href = 'api/reports/transparency?period=' + encodeURIComponent(period);
  }

  function render(d) {
    const s = d.statistics;
    const t = s.totals;
    set('requests', count(t.requests));
    set('identifiers', count(t.identifiers));
    set('pending', count(t.pending));
    set('overdue', count(t.overdue));
    for (const [key] of OUTCOMES) {
      set(key, count(t.outcomes[key].count));
      set(key + '-percent', t.outcomes[key].percent.toFixed(1) + '%');
    }
    set('pending-again', count(t.pending));
    set('pending-percent', percent(t.pending, t.requests));
    const dt = d.decisionTime;
    set('decision-median', duration(dt.medianAtMostSeconds, dt.count, dt.longestBoundSeconds));
    set('decision-p95', duration(dt.p95AtMostSeconds, dt.count, dt.longestBoundSeconds));
    set('decision-count', count(dt.count));

    const us = s.byCountry.find((row) => row.key === 'US');
    const usContent = us ? us.outcomes.content.count : 0;
    const others = s.byCountry.filter((row) => row.key !== 'US' && row.outcomes.content.count > 0);
    set('content-us', count(usContent));
    set('content-rest', count(t.outcomes.content.count - usContent));
    set('content-rest-countries', others.length
      ? 'Rest of world: ' + others.map((row) => row.key + ' ' + count(row.outcomes.content.count)).join(', ')
      : '');

    const ent = s.byCustomerType.find((row) => row.key === 'ENTERPRISE');
    const e = ent || { requests: 0, redirected: 0, pending: 0, disclosedWithConsent: 0, disclosedUnderContract: 0,
      outcomes: { content: { count: 0 }, nonContent: { count: 0 }, noDataFound: { count: 0 }, rejected: { count: 0 } } };
    set('enterprise-requests', count(e.requests));
    set('ent-requests', count(e.requests));
    set('ent-rejected', count(e.outcomes.rejected.count));
    set('ent-redirected', count(e.redirected));
    set('ent-disclosed', count(e.outcomes.content.count + e.outcomes.nonContent.count));
    set('ent-consent', count(e.disclosedWithConsent));
    set('ent-contract', count(e.disclosedUnderContract));
    set('ent-nodata', count(e.outcomes.noDataFound.count));
    set('ent-pending', count(e.pending));

    countries(s.byCountry);
    drawCharts(d);
    const updated = document.getElementById('updated');
    updated.dateTime = d.updatedAt;
    updated.textContent = new Date(d.updatedAt).toLocaleTimeString();
  }

  function countries(rows) {
    const body = document.querySelector('#countries tbody');
    const lines = rows.map((row) => {
      const tr = document.createElement('tr');
      tr.dataset.country = row.key;
      const cells = [row.key, count(row.requests), count(row.identifiers)];
      for (const [key] of OUTCOMES) {
        cells.push(count(row.outcomes[key].count) + ' (' + row.outcomes[key].percent.toFixed(1) + '%)');
      }
      cells.push(count(row.pending));
      cells.forEach((value, i) => {
        const cell = document.createElement(i === 0 ? 'th' : 'td');
        cell.textContent = value;
        tr.appendChild(cell);
      });
      return tr;
    });
    body.replaceChildren(...lines);
  }

  function weekOf(day) {
    const date = new Date(day + 'T00:00:00Z');
    date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
    return date.toISOString().slice(0, 10);
  }

  function series(points, byWeek) {
    const out = new Map();
    for (const p of points) {
      const key = byWeek ? weekOf(p.day) : p.day;
      out.set(key, (out.get(key) || 0) + p.count);
    }
    return out;
  }

  function drawCharts(d) {
    if (typeof Chart === 'undefined') { return; }
    if (!charts) {
      Chart.defaults.animation = false;
      charts = {
        outcomes: new Chart(document.getElementById('outcome-chart'), {
          type: 'doughnut',
          data: { labels: OUTCOMES.map((o) => o[1]), datasets: [{ data: [], backgroundColor: OUTCOMES.map((o) => o[2]) }] },
          options: { maintainAspectRatio: false, plugins: { legend: { position: 'right' } } },
        }),
        countries: new Chart(document.getElementById('country-chart'), {
          type: 'bar',
          data: { labels: [], datasets: OUTCOMES.map((o) => ({ label: o[1], data: [], backgroundColor: o[2] }))
            .concat([{ label: 'Pending', data: [], backgroundColor: '#e2e8f0' }]) },
          options: { maintainAspectRatio: false, indexAxis: 'y',
            scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } } },
        }),
        activity: new Chart(document.getElementById('activity-chart'), {
          type: 'bar',
          data: { labels: [], datasets: [
            { label: 'Requests received', data: [], backgroundColor: '#2b6cb0', yAxisID: 'y' },
            { label: 'Decisions made', data: [], backgroundColor: '#dd6b20', yAxisID: 'decisions' }] },
          // each on its own axis: a backlog decided in one day would flatten the requests
          options: { maintainAspectRatio: false, scales: {
            x: { ticks: { maxTicksLimit: 20 } },
            y: { position: 'left', beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'requests' } },
            decisions: { position: 'right', beginAtZero: true, ticks: { precision: 0 }, grid: { drawOnChartArea: false },
              title: { display: true, text: 'decisions' } } } },
        }),
      };
    }
    const t = d.statistics.totals;
    charts.outcomes.data.datasets[0].data = OUTCOMES.map(([key]) => t.outcomes[key].count);
    charts.outcomes.update();

    const top = d.statistics.byCountry.slice(0, 10);
    charts.countries.data.labels = top.map((row) => row.key);
    OUTCOMES.forEach(([key], i) => { charts.countries.data.datasets[i].data = top.map((row) => row.outcomes[key].count); });
    charts.countries.data.datasets[OUTCOMES.length].data = top.map((row) => row.pending);
    charts.countries.update();

    const byWeek = document.getElementById('bucket').value === 'week';
    const received = series(d.requestsPerDay, byWeek);
    const decided = series(d.decisionsPerDay, byWeek);
    const labels = Array.from(new Set([...received.keys(), ...decided.keys()])).sort();
    charts.activity.data.labels = labels;
    charts.activity.data.datasets[0].data = labels.map((l) => received.get(l) || 0);
    charts.activity.data.datasets[1].data = labels.map((l) => decided.get(l) || 0);
    charts.activity.update();
  }

  // who is signed in (the session's ID token), and signing out: a form POST to /logout
  // with the CSRF token from its cookie; the provider ends its session too and sends the
  // browser back here
  function account() {
    fetch('api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((response) => (response.ok ? response.json() : null))
      .then((me) => { if (me) { document.getElementById('who').textContent = me.name; } })
      .catch(() => {});
    document.getElementById('sign-out-form').addEventListener('submit', () => {
      const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
      document.getElementById('csrf').value = cookie ? decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) : '';
    });
  }

  account();
  connect(periods());
})();
