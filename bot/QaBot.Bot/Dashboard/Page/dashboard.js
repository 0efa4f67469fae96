// The QaBot dashboard page: reads /api/dashboard for the signed-in person (Teams single sign-on inside Teams, the
// bot's local mode outside it), draws each chart with Chart.js beside a table of the same numbers, and follows Teams'
// theme. Every figure and every rule about who sees what comes from the server; this page only shows it.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const families = new Map();
  const charts = new Map();
  const state = { area: '', duty: '', period: 'this-month', inTeams: false, view: null, assurance: null, assuranceAsked: null };
  const columns = [
    ['due', 'Due', 'Due'],
    ['onTime', 'On time', 'OnTime'],
    ['late', 'Late', 'Late'],
    ['notApplicable', 'Not applicable', 'NotApplicable'],
    ['open', 'Open', 'Open'],
    ['overdue', 'Overdue', 'Overdue'],
  ];
  const seriesLooks = [
    { dash: [], point: 'circle' },
    { dash: [6, 4], point: 'rect' },
    { dash: [2, 3], point: 'triangle' },
    { dash: [10, 3, 2, 3], point: 'rectRot' },
    { dash: [1, 1], point: 'star' },
  ];

  // ---- Teams or a plain browser -------------------------------------------------------------------------------

  async function start() {
    const params = new URLSearchParams(location.search);
    state.area = params.get('area') || '';
    state.duty = params.get('duty') || '';
    state.period = params.get('period') || 'this-month';
    state.inTeams = await QaBotTeams.connect(applyTheme);

    $('filters').addEventListener('submit', (event) => event.preventDefault());
    for (const id of ['area', 'duty', 'period']) {
      $(id).addEventListener('change', () => {
        state[id] = $(id).value;
        load();
      });
    }
    $('period').value = state.period;
    $('export-csv').addEventListener('click', exportView);
    $('export-xlsx').addEventListener('click', exportView);
    await load();
  }

  function applyTheme(theme) {
    document.documentElement.dataset.theme = theme;
    if (state.view) {
      drawCharts(state.view);
    }
  }

  const request = QaBotTeams.request;

  function query(extra) {
    const params = new URLSearchParams();
    if (state.area) params.set('area', state.area);
    if (state.duty) params.set('duty', state.duty);
    if (state.period !== 'this-month') params.set('period', state.period);
    for (const [key, value] of Object.entries(extra || {})) params.set(key, value);
    return params.toString();
  }

  async function load() {
    $('status').textContent = 'Loading the figures…';
    document.documentElement.dataset.ready = 'loading';
    // The assurance panel is asked for beside the figures, not after them, and once; it catches its own failures.
    if (!state.assurance && !state.assuranceAsked) state.assuranceAsked = loadAssurance();
    try {
      const response = await request(`/api/dashboard?${query()}`);
      const view = await response.json();
      state.view = view;
      render(view);
      if (state.assuranceAsked) await state.assuranceAsked;
      const own = query();
      history.replaceState(null, '', own ? `?${own}` : location.pathname);
      document.documentElement.dataset.ready = 'yes';
      performance.mark('dashboard-ready');
    } catch (error) {
      $('view').hidden = true;
      $('status').textContent = error.message;
      document.documentElement.dataset.ready = 'failed';
    }
  }

  // The quality assurance panel: this quarter's reviews and the audits in progress, as the viewer may see them. It
  // does not follow the filters; a failure hides the panel and leaves the figures above it.
  async function loadAssurance() {
    try {
      const response = await request('/api/dashboard/assurance');
      state.assurance = await response.json();
      renderAssurance(state.assurance);
    } catch (error) {
      $('qa-section').hidden = true;
    }
  }

  function renderAssurance(data) {
    const { reviews, audits } = data;
    const section = $('qa-section');
    section.hidden = reviews.held === 0 && audits.items.length === 0 && !audits.programme;
    if (section.hidden) return;
    const held = reviews.held === 1 ? '1 reflective case review' : `${reviews.held.toLocaleString('en-GB')} reflective case reviews`;
    const actions = reviews.actions;
    $('qa-reviews').textContent = `${held} held ${reviews.periodText}, that you may read. Actions: ${actions.raised} raised, ` +
      `${actions.done} done, ${actions.open} still open (${actions.overdue} overdue).`;
    fillTable($('qa-judgements'), 'Judgements this quarter', ['Judgement', 'Reviews'],
      reviews.judgements.map((j) => [j.judgement, j.count.toLocaleString('en-GB')]));
    fillTable($('qa-themes'), 'Themes most often identified', ['Theme', 'Reviews'],
      reviews.themes.map((t) => [t.theme, t.count.toLocaleString('en-GB')]));
    const yours = audits.items.some((a) => a.yoursToRecord.length > 0);
    fillTable($('qa-audits'), audits.programme ? 'Audits in progress' : 'Audits with cases allocated to you',
      ['Audit', 'Due', audits.programme ? 'Cases' : 'Your cases', 'Recorded', 'Moderated', ...(yours ? ['Yours to record'] : [])],
      audits.items.map((a) => [
        `${a.kind}: ${a.title}`,
        a.overdue ? `${a.dueText} (overdue)` : a.dueText,
        String(a.cases), String(a.recorded), String(a.moderated),
        ...(yours ? [a.yoursToRecord.join(', ') || '–'] : []),
      ]));
  }

  async function exportView(event) {
    const format = event.currentTarget.dataset.format;
    const params = new URLSearchParams({ format });
    if (state.area) params.set('area', state.area);
    if (state.period !== 'this-month') params.set('period', state.period);
    try {
      const response = await request(`/api/dashboard/export?${params}`);
      const disposition = response.headers.get('Content-Disposition') || '';
      const match = /filename="?([^";]+)"?/.exec(disposition);
      const blob = await response.blob();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = match ? match[1] : `compliance.${format}`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      $('status').textContent = `Downloaded ${link.download}.`;
    } catch (error) {
      $('status').textContent = error.message;
    }
  }

  // ---- Figures as text ----------------------------------------------------------------------------------------

  function count(figures, key, column) {
    if (!figures) return '–';
    const value = figures[key];
    if (value === null || value === undefined) return figures.hidden && figures.hidden.includes(column) ? 'hidden' : '–';
    return value.toLocaleString('en-GB');
  }

  function rate(figures) {
    if (!figures) return '–';
    if (figures.onTimeRate === null || figures.onTimeRate === undefined) return figures.due === 0 ? 'none due' : 'withheld';
    return `${figures.onTimeRate.toFixed(1)}%`;
  }

  function hiddenCount(value, hidden) {
    if (hidden) return 'fewer than 5';
    return value === null || value === undefined ? '–' : value.toLocaleString('en-GB');
  }

  // ---- Tables ---------------------------------------------------------------------------------------------------

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function fillTable(table, caption, headings, rows) {
    table.replaceChildren();
    table.append(element('caption', caption));
    const head = element('thead');
    const headRow = element('tr');
    headings.forEach((heading, index) => {
      const cell = element('th', heading, index === 0 ? undefined : 'number');
      cell.scope = 'col';
      headRow.append(cell);
    });
    head.append(headRow);
    const body = element('tbody');
    for (const row of rows) {
      const line = element('tr');
      row.forEach((value, index) => {
        const cell = index === 0 ? element('th') : element('td', undefined, 'number');
        if (index === 0) cell.scope = 'row';
        if (value instanceof Node) cell.append(value);
        else cell.textContent = value;
        line.append(cell);
      });
      body.append(line);
    }
    if (rows.length === 0) {
      const line = element('tr');
      const cell = element('td', 'None.');
      cell.colSpan = headings.length;
      line.append(cell);
      body.append(line);
    }
    table.append(head, body);
  }

  function figureRow(label, figures) {
    return [label, ...columns.map(([key, , column]) => count(figures, key, column)), rate(figures)];
  }

  const figureHeadings = (first) => [first, ...columns.map(([, heading]) => heading), 'On-time rate'];

  function drillButton(area) {
    const button = element('button', area.name, 'link');
    button.type = 'button';
    button.addEventListener('click', () => {
      state.area = area.id;
      load().then(() => $('main').focus());
    });
    return button;
  }

  // ---- The view -------------------------------------------------------------------------------------------------

  function render(view) {
    for (const family of view.families || []) families.set(family.key, family.title);
    const dutySelect = $('duty');
    if (dutySelect.options.length === 1) {
      for (const [key, title] of families) dutySelect.append(new Option(title, key));
    }
    dutySelect.value = state.duty;

    const area = view.area;
    $('title').textContent = area ? `Dashboard: ${area.name}` : 'Dashboard';
    const path = $('path');
    path.replaceChildren();
    if (view.path && view.path.length > 0) {
      const list = element('ol');
      view.path.forEach((step, index) => {
        const item = element('li');
        if (index === view.path.length - 1) {
          const current = element('span', step.name);
          current.setAttribute('aria-current', 'page');
          item.append(current);
        } else {
          item.append(drillButton(step));
        }
        list.append(item);
      });
      path.append(list);
    }

    const areaSelect = $('area');
    areaSelect.replaceChildren();
    for (const step of view.path || []) areaSelect.append(new Option(step.name, step.id));
    for (const child of view.children || []) areaSelect.append(new Option(`  ${child.area.name}`, child.area.id));
    if (area) areaSelect.value = area.id;
    state.area = area && view.path.length > 0 && state.area ? area.id : state.area;

    const notice = $('notice');
    const notices = [];
    if (view.restricted) notices.push('You asked for an area outside the ones you lead or oversee: this is your own.');
    if (!view.namesVisible && area) notices.push('Counts and rates only, with small numbers hidden: no names.');
    if (!state.inTeams && view.viewer) notices.push(`Opened outside Teams (local development), as ${view.viewer}.`);
    notice.textContent = notices.join(' ');
    notice.hidden = notices.length === 0;

    if (!area || !view.total) {
      $('view').hidden = true;
      $('status').textContent = 'You have no area to look at here: your own duties are in your chat with QaBot ("my tasks").';
      return;
    }

    const dutyText = state.duty ? families.get(state.duty) : 'every duty';
    $('status').textContent = `${area.name}, ${dutyText}, ${view.periodText}. Figures as of ${view.asOfText}.`;

    const summary = $('summary');
    summary.replaceChildren();
    const tiles = [
      ['On-time rate', rate(view.total)],
      ...columns.map(([key, heading, column]) => [heading, count(view.total, key, column)]),
    ];
    for (const [label, value] of tiles) {
      const tile = element('div');
      tile.append(element('dt', label), element('dd', value));
      summary.append(tile);
    }

    $('children-section').hidden = !view.children || view.children.length === 0;
    fillTable($('children-table'), `By area below ${area.name}, ${view.periodText}`,
      [...figureHeadings('Area'), 'Overdue now'],
      (view.children || []).map((child) => [
        drillButton(child.area),
        ...figureRow('', child.figures).slice(1),
        hiddenCount(child.overdue, child.overdueHidden),
      ]));

    fillTable($('duty-table'), `On time by duty, ${view.periodText}`, figureHeadings('Duty'),
      (view.byDuty || []).map((line) => figureRow(line.title, line.figures)));

    const months = monthsOf(view.trend || []);
    const trendFamilies = [...new Set((view.trend || []).map((point) => point.family))];
    fillTable($('trend-table'), 'On-time rate by month and duty family', ['Month', ...trendFamilies.map((key) => families.get(key) || key)],
      months.map(([month, monthText]) => [monthText, ...trendFamilies.map((family) => {
        const point = view.trend.find((p) => p.family === family && p.month === month);
        return point ? `${rate(point.figures)} of ${count(point.figures, 'due', 'Due')}` : '–';
      })]));

    $('longest').textContent = view.longestOverdue ? `The longest overdue was due on ${view.longestOverdue}.` : 'Nothing is overdue.';
    fillTable($('overdue-table'), `Overdue now in ${area.name}`, ['Area', 'Duty', 'Overdue', 'Oldest due'],
      (view.overdue || []).map((line) => [line.area.name, line.title, hiddenCount(line.count, line.hidden), line.oldestDueText]));
    for (const row of $('overdue-table').querySelectorAll('tbody tr')) {
      const cells = row.children;
      if (cells.length === 4) {
        cells[1].className = '';
        cells[3].className = '';
      }
    }

    fillTable($('na-table'), `Not applicable by reason, ${view.periodText}`, ['Reason', 'Count'],
      (view.notApplicable || []).map((line) => [line.reason, hiddenCount(line.count, line.hidden)]));

    const people = view.people || [];
    $('people-section').hidden = people.length === 0;
    fillTable($('people-table'), 'The people you manage, with their overdue items', ['Name', 'Overdue', 'Oldest due'],
      people.map((person) => [person.name, person.overdue.toLocaleString('en-GB'), person.oldestDueText || '–']));

    $('view').hidden = false;
    drawCharts(view);
  }

  function monthsOf(trend) {
    const months = new Map();
    for (const point of trend) months.set(point.month, point.monthText);
    return [...months.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  }

  // ---- Charts (Chart.js), drawn from the theme's tokens -------------------------------------------------------

  function token(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function drawCharts(view) {
    if (typeof Chart === 'undefined') {
      for (const id of ['children-chart', 'duty-chart', 'trend-chart', 'na-chart']) {
        const holder = $(id).parentElement;
        if (!holder.querySelector('p')) holder.append(element('p', 'Charts are not available; the table has the figures.'));
      }
      return;
    }
    Chart.defaults.color = token('--text');
    Chart.defaults.borderColor = token('--border');
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    const series = [1, 2, 3, 4, 5].map((n) => token(`--series-${n}`));

    const children = view.children || [];
    bar('children-chart', children.map((c) => c.area.name), children.map((c) => c.figures ? c.figures.onTimeRate : null), series[0],
      `On-time rate by area below ${view.area.name}; the table beside it has the figures.`);

    const duties = view.byDuty || [];
    bar('duty-chart', duties.map((d) => d.title), duties.map((d) => d.figures.onTimeRate), series[0],
      'On-time rate by duty; the table beside it has the figures.');

    const months = monthsOf(view.trend || []);
    const trendFamilies = [...new Set((view.trend || []).map((point) => point.family))];
    draw('trend-chart', {
      type: 'line',
      data: {
        labels: months.map(([, text]) => text),
        datasets: trendFamilies.map((family, index) => ({
          label: families.get(family) || family,
          data: months.map(([month]) => {
            const point = view.trend.find((p) => p.family === family && p.month === month);
            return point ? point.figures.onTimeRate : null;
          }),
          borderColor: series[index % series.length],
          backgroundColor: series[index % series.length],
          borderDash: seriesLooks[index % seriesLooks.length].dash,
          pointStyle: seriesLooks[index % seriesLooks.length].point,
          pointRadius: 4,
          spanGaps: false,
        })),
      },
      options: rateOptions(false, true),
    }, 'On-time rate by month for each duty family; the table beside it has the figures.');

    const reasons = view.notApplicable || [];
    draw('na-chart', {
      type: 'bar',
      data: { labels: reasons.map((r) => r.reason), datasets: [{ label: 'Not applicable', data: reasons.map((r) => r.count), backgroundColor: series[1] }] },
      options: { indexAxis: 'y', animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
    }, 'Not applicable by reason; the table beside it has the figures.');
  }

  function rateOptions(horizontal, legend) {
    const rateAxis = { min: 0, max: 100, ticks: { callback: (value) => `${value}%` }, title: { display: true, text: 'On time' } };
    return {
      indexAxis: horizontal ? 'y' : 'x',
      animation: false,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: legend, labels: { usePointStyle: true } },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${item.raw === null ? 'no figure' : `${item.raw}%`}` } },
      },
      scales: horizontal ? { x: rateAxis } : { y: rateAxis },
    };
  }

  function bar(id, labels, values, colour, description) {
    draw(id, {
      type: 'bar',
      data: { labels, datasets: [{ label: 'On-time rate', data: values, backgroundColor: colour }] },
      options: rateOptions(true, false),
    }, description);
  }

  function draw(id, config, description) {
    const canvas = $(id);
    canvas.setAttribute('aria-label', description);
    if (charts.has(id)) charts.get(id).destroy();
    charts.set(id, new Chart(canvas, config));
  }

  document.addEventListener('DOMContentLoaded', () => {
    start();
  });
})();
