// Causeway's web view: the causal graph of the store, drawn with
// Cytoscape.js, over causeway serve's JSON API. Plain JavaScript, no build.
// The view's state lives in the address's fragment (#node=...&from=...), so
// a view can be shared by its address.
'use strict';

(function () {
  const hedgeRank = { possible: 1, probable: 2, certain: 3 };
  // The state the address keeps; defaults are left out of the address.
  const defaults = {
    tab: 'details', node: '', link: '', from: '', to: '', loop: '', q: '',
    min_hedge: 'possible', inferred: '1', entities: '1', source: '', speaker: '',
  };
  const state = Object.assign({}, defaults);
  const texts = new Map(); // source id -> Promise of its text as code points
  const labels = new Map(); // node id -> node data
  let sources = [];
  let loops = [];
  let cy;

  const $ = (id) => document.getElementById(id);

  // put replaces the children of el (see h for what children may be).
  function put(el, ...children) {
    el.replaceChildren(...children.flat(Infinity).filter((c) => c !== undefined && c !== null && c !== false));
  }

  // h builds an element: attributes, then children (strings become text,
  // so nothing from the data is ever parsed as HTML).
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'onclick') el.addEventListener('click', v);
      else if (v !== undefined && v !== null && v !== false) el.setAttribute(k, v);
    }
    for (const c of children.flat(Infinity)) {
      if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
    }
    return el;
  }

  async function api(path, params) {
    const u = new URL(path, location.origin);
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== '' && v !== undefined && v !== null) u.searchParams.set(k, v);
    }
    const r = await fetch(u, { credentials: 'same-origin' });
    const json = (r.headers.get('Content-Type') || '').startsWith('application/json');
    const body = json ? await r.json() : await r.text();
    return { ok: r.ok, status: r.status, body };
  }

  function nodeName(id) {
    const n = labels.get(id);
    if (!n) return id;
    return n.label_zh && n.label_zh !== n.label ? n.label + ' 「' + n.label_zh + '」' : n.label;
  }

  function nodeChip(id) {
    return h('button', { type: 'button', class: 'chip', onclick: () => select({ node: id }) }, nodeName(id));
  }

  function polarity(p) {
    return h('span', { class: p === '-' ? 'pol-neg' : 'pol-pos' }, p === '-' ? '−' : '+');
  }

  // ---- the address -------------------------------------------------------

  function readAddress() {
    const p = new URLSearchParams(location.hash.slice(1));
    for (const k of Object.keys(defaults)) state[k] = p.has(k) ? p.get(k) : defaults[k];
  }

  function writeAddress() {
    const p = new URLSearchParams();
    for (const k of Object.keys(defaults)) if (state[k] !== defaults[k]) p.set(k, state[k]);
    const hash = p.toString();
    if (hash !== location.hash.slice(1)) history.replaceState(null, '', hash ? '#' + hash : location.pathname);
  }

  // ---- the graph ---------------------------------------------------------

  const style = [
    { selector: 'node', style: {
      label: 'data(display)', 'text-wrap': 'wrap', 'text-max-width': 150, 'font-size': 11,
      'text-valign': 'center', 'text-halign': 'center', color: '#222',
      'font-family': 'system-ui, "Noto Sans CJK TC", "Droid Sans Fallback", sans-serif',
    } },
    { selector: 'node.factor', style: {
      shape: 'round-rectangle', width: 164, height: 46, 'background-color': '#f4f1e8',
      'border-width': 1, 'border-color': '#8a8167',
    } },
    { selector: 'node.entity', style: {
      shape: 'ellipse', width: 116, height: 36, 'background-color': '#e8eef4', 'border-width': 1,
      'border-color': '#9fb2c4', color: '#4a5560', 'font-size': 9, 'text-max-width': 104,
    } },
    { selector: 'edge', style: { 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'arrow-scale': 1.1 } },
    { selector: 'edge.pos', style: { 'line-color': '#1f6fb4', 'target-arrow-color': '#1f6fb4' } },
    { selector: 'edge.neg', style: { 'line-color': '#c62828', 'target-arrow-color': '#c62828' } },
    { selector: 'edge.certain', style: { 'line-style': 'solid', width: 2.5 } },
    { selector: 'edge.probable', style: { 'line-style': 'dashed', width: 2 } },
    { selector: 'edge.possible', style: { 'line-style': 'dotted', width: 2.2 } },
    { selector: 'edge.inferred', style: { 'target-arrow-fill': 'hollow' } },
    { selector: 'edge.involves', style: {
      'line-color': '#aab4be', width: 1, opacity: 0.35, 'target-arrow-shape': 'none',
    } },
    { selector: 'edge[loopMark]', style: {
      label: 'data(loopMark)', 'font-size': 10, 'font-weight': 600, color: '#8a5a00',
      'text-background-color': '#fff', 'text-background-opacity': 0.85, 'text-background-padding': 1,
    } },
    { selector: '.hidden', style: { display: 'none' } },
    { selector: '.faded', style: { opacity: 0.12, 'z-index': 0 } },
    { selector: 'node.match', style: { 'border-width': 3, 'border-color': '#ef6c00', 'background-color': '#ffe0b2' } },
    { selector: 'node.path', style: { 'border-width': 3, 'border-color': '#e0a800', 'background-color': '#fff3c4', opacity: 1, 'z-index': 10 } },
    { selector: 'edge.path', style: {
      width: 4.5, opacity: 1, 'z-index': 9, 'underlay-color': '#ffd54f', 'underlay-padding': 4, 'underlay-opacity': 0.9,
    } },
    { selector: 'node.end', style: { 'border-width': 4, 'border-color': '#2e7d32' } },
    { selector: 'node.current', style: { 'border-width': 4, 'border-color': '#6a1b9a' } },
    { selector: 'edge.current', style: {
      width: 5, 'z-index': 10, 'underlay-color': '#ce93d8', 'underlay-padding': 5, 'underlay-opacity': 0.9, opacity: 1,
    } },
  ];

  function elementsOf(cyjs) {
    const els = [];
    for (const { data } of cyjs.elements.nodes) {
      labels.set(data.id, data);
      const display = data.label_zh && data.label_zh !== data.label ? data.label_zh + '\n' + data.label : data.label;
      els.push({ group: 'nodes', data: Object.assign({}, data, { display }), classes: data.kind });
    }
    for (const { data } of cyjs.elements.edges) {
      const cls = [data.kind];
      if (data.kind === 'causes') {
        cls.push(data.polarity === '-' ? 'neg' : 'pos', data.hedge);
        if (data.inferred) cls.push('inferred');
      }
      const d = Object.assign({}, data);
      // Involvement has no direction to draw; from the entity to the factor,
      // the layout puts an entity above the factors that involve it.
      if (data.kind === 'involves') Object.assign(d, { source: data.target, target: data.source, factor: data.source });
      els.push({ group: 'edges', data: d, classes: cls.join(' ') });
    }
    return els;
  }

  // linkEdge finds the edge of a hop: a causal link by its source and id,
  // an involvement step by its two ends.
  function hopEdge(hop) {
    if (hop.kind === 'involvement') {
      const a = cy.$id('involves/' + hop.cause + '/' + hop.effect);
      return a.nonempty() ? a : cy.$id('involves/' + hop.effect + '/' + hop.cause);
    }
    return cy.$id(hop.source + '/link/' + hop.link);
  }

  function applyFilters() {
    const min = hedgeRank[state.min_hedge] || 1;
    cy.batch(() => {
      cy.edges('.causes').forEach((e) => {
        const d = e.data();
        const show = hedgeRank[d.hedge] >= min && (state.inferred === '1' || !d.inferred) &&
          (!state.source || d.document === state.source) && (!state.speaker || d.speaker === state.speaker);
        e.toggleClass('hidden', !show);
      });
      const entities = state.entities === '1';
      cy.edges('.involves').toggleClass('hidden', !entities);
      cy.nodes('.entity').forEach((n) => {
        n.toggleClass('hidden', !entities && !n.hasClass('path') && n.id() !== state.node);
      });
    });
    const shown = cy.edges('.causes').not('.hidden').length;
    const all = cy.edges('.causes').length;
    $('status').textContent = cy.nodes('.factor').length + ' factors · ' + cy.nodes('.entity').length + ' entities · ' +
      (shown === all ? all + ' causal links' : shown + ' of ' + all + ' causal links shown');
  }

  function clearMarks(cls) {
    cy.elements('.' + cls).removeClass(cls);
  }

  // ---- selection: a node or a link --------------------------------------

  // select shows a node or a link in the details; from anywhere but the
  // graph itself, it also brings it into view.
  function select(change, fromGraph) {
    Object.assign(state, { node: '', link: '' }, change);
    state.tab = 'details';
    render();
    if (!fromGraph) {
      const el = cy.$id(state.node || state.link);
      focus(el.isEdge && el.isEdge() ? el.connectedNodes() : el);
    }
  }

  // focus brings elements into view, zoomed in enough to read.
  function focus(eles) {
    if (eles.empty()) return;
    cy.fit(eles, 50);
    if (cy.zoom() > 1.1) cy.zoom({ level: 1.1, position: centre(eles) });
    if (cy.zoom() < 0.3) cy.zoom({ level: 0.3, position: centre(eles) });
  }

  function centre(eles) {
    const b = eles.boundingBox();
    return { x: (b.x1 + b.x2) / 2, y: (b.y1 + b.y2) / 2 };
  }

  async function showNode(id) {
    const out = $('tab-details');
    clearMarks('current');
    cy.$id(id).addClass('current');
    const r = await api('/api/show', { name: id });
    if (state.node !== id) return;
    if (!r.ok) {
      put(out, h('p', { class: 'error' }, r.body.error || r.body));
      return;
    }
    const d = r.body;
    const n = d.node;
    const links = (title, hops, other) => hops.length === 0 ? [] : [
      h('h3', null, title + ' (' + hops.length + ')'),
      hops.map((hop) => h('div', { class: 'item', onclick: () => select({ link: hop.source + '/link/' + hop.link }) },
        polarity(hop.polarity), ' ', nodeName(hop[other]), ' ', h('span', { class: 'flag' }, hop.hedge),
        hop.inferred ? h('span', { class: 'flag inferred' }, 'inferred') : null,
        h('div', { class: 'quote' }, hop.quote))),
    ];
    put(out,
      h('h2', null, h('span', { class: 'zh' }, n.label_zh), ' ', n.label),
      h('div', { class: 'meta' }, n.kind, n.type ? ' · ' + n.type : '', ' · ', n.id),
      (n.aliases || []).length + (n.aliases_zh || []).length ? h('div', { class: 'meta' }, 'also: ',
        [].concat(n.aliases || [], n.aliases_zh || []).join(', ')) : null,
      h('div', { class: 'buttons' },
        h('button', { type: 'button', id: 'trace-from', 'data-node': n.id, onclick: () => setEnd('from', n.id) }, 'trace from here'),
        h('button', { type: 'button', id: 'trace-to', 'data-node': n.id, onclick: () => setEnd('to', n.id) }, 'trace to here')),
      d.involves.length ? [h('h3', null, 'involves'), d.involves.map((x) => nodeChip(x.id))] : null,
      d.involved_in.length ? [h('h3', null, 'involved in'), d.involved_in.map((x) => nodeChip(x.id))] : null,
      links('causes', d.incoming, 'cause'),
      links('effects', d.outgoing, 'effect'),
      d.claims.length ? [h('h3', null, 'claims (' + d.claims.length + ')'), d.claims.map(claimItem)] : null,
      d.chains.length ? [h('h3', null, 'chains (' + d.chains.length + ')'), d.chains.map(chainItem)] : null,
      d.loops.length ? [h('h3', null, 'loops'), d.loops.map((l) => h('div', { class: 'item', onclick: () => showLoop(loopIndex(l)) },
        l.type, ': ', l.nodes.map((x) => x.label_zh || x.label).join(' → ')))] : null,
    );
  }

  function claimItem(c) {
    let number = '';
    if (c.value !== null) number = '= ' + c.value + ' ' + c.unit;
    else if (c.min !== null || c.max !== null) number = '= ' + (c.min ?? '') + '–' + (c.max ?? '') + ' ' + c.unit;
    if (number && c.comparator) number = c.comparator + ' ' + number.slice(2);
    if (number && c.per) number += ' per ' + c.per;
    return h('div', { class: 'item' },
      c.statement, number ? h('div', { class: 'meta' }, number) : null,
      h('div', { class: 'meta' }, c.hedge, ' · ', nodeName(c.speaker), c.inferred ? ' · partly inferred' : ''),
      h('div', { class: 'quote' }, c.quote));
  }

  function chainItem(c) {
    return h('div', { class: 'item', onclick: () => highlightPath(c.nodes, c.hops) },
      h('strong', null, c.label_zh), ' ', c.label,
      h('div', { class: 'meta' }, c.hops.length + ' hops · net ', polarity(c.polarity), ' · confidence ', c.confidence),
      h('div', { class: 'meta' }, c.nodes.map((x) => x.label_zh || x.label).join(' → ')));
  }

  // sourceText returns the code points of a source's text: quote offsets
  // count runes, which are code points.
  function sourceText(id) {
    if (!texts.has(id)) {
      texts.set(id, api('/api/sources/' + encodeURIComponent(id) + '/text').then((r) => {
        if (!r.ok) throw new Error(r.body.error || 'no text');
        return Array.from(r.body);
      }));
    }
    return texts.get(id);
  }

  async function showLink(id) {
    const out = $('tab-details');
    clearMarks('current');
    const e = cy.$id(id);
    if (e.empty()) {
      put(out, h('p', { class: 'error' }, 'no link ' + id + ' in the graph'));
      return;
    }
    e.addClass('current');
    const d = e.data();
    const src = sources.find((s) => s.id === d.document);
    const para = h('div', { class: 'para', id: 'evidence' }, '…');
    put(out,
      h('h2', null, nodeChip(d.source), ' → ', nodeChip(d.target)),
      h('p', null, polarity(d.polarity), ' ', d.polarity === '-' ? 'more of the cause brings less of the effect' : 'more of the cause brings more of the effect'),
      h('dl', null,
        h('dt', null, 'hedge'), h('dd', { id: 'ev-hedge' }, d.hedge),
        h('dt', null, 'inferred'), h('dd', { id: 'ev-inferred' }, d.inferred ? 'yes: the text only juxtaposes cause and effect' : 'no: the text says it'),
        h('dt', null, 'speaker'), h('dd', { id: 'ev-speaker' }, nodeName(d.speaker)),
        h('dt', null, 'source'), h('dd', null, src ? src.title : d.document),
        h('dt', null, 'link'), h('dd', { class: 'meta' }, d.link),
        d.note ? [h('dt', null, 'note'), h('dd', null, d.note)] : null),
      h('h3', null, 'in the text'),
      para);
    try {
      const runes = await sourceText(d.document);
      if (state.link !== id) return;
      let start = d.quote_start;
      let end = d.quote_end;
      while (start > 0 && runes[start - 1] !== '\n') start--;
      while (end < runes.length && runes[end] !== '\n') end++;
      const quote = runes.slice(d.quote_start, d.quote_end).join('');
      put(para, runes.slice(start, d.quote_start).join(''), h('mark', null, quote),
        runes.slice(d.quote_end, end).join(''));
      if (quote !== d.quote) para.append(h('p', { class: 'error' }, 'the text at these offsets is not the quote'));
    } catch (err) {
      put(para, h('span', { class: 'error' }, String(err.message || err)), h('div', { class: 'quote' }, d.quote));
    }
  }

  // ---- trace ---------------------------------------------------------------

  function setEnd(which, id) {
    state[which] = id;
    state.tab = 'trace';
    render();
  }

  function unhighlight() {
    clearMarks('path');
    clearMarks('faded');
  }

  function highlightPath(nodes, hops) {
    unhighlight();
    cy.batch(() => {
      for (const n of nodes) cy.$id(n.id).addClass('path');
      for (const hop of hops) hopEdge(hop).addClass('path');
      cy.elements().not('.path').addClass('faded');
    });
    applyFilters();
  }

  async function showTrace() {
    const out = $('trace-out');
    clearMarks('end');
    for (const id of [state.from, state.to]) if (id) cy.$id(id).addClass('end');
    put($('trace-ends'), 'from ', state.from ? nodeChip(state.from) : '(pick a node)',
      ' to ', state.to ? nodeChip(state.to) : '(pick a node)');
    if (!state.from || !state.to) {
      put(out);
      return;
    }
    const key = state.from + '>' + state.to + '>' + state.min_hedge;
    put(out, h('p', { class: 'hint' }, 'tracing…'));
    const r = await api('/api/trace', { from: state.from, to: state.to, min_hedge: state.min_hedge });
    if (key !== state.from + '>' + state.to + '>' + state.min_hedge) return;
    if (!r.ok) {
      unhighlight();
      put(out, h('p', { class: 'error', id: 'trace-error' }, r.body.error || r.body));
      return;
    }
    const paths = r.body.paths;
    const all = { nodes: paths.flatMap((p) => p.nodes), hops: paths.flatMap((p) => p.hops) };
    highlightPath(all.nodes, all.hops);
    focus(cy.elements('.path'));
    put(out, h('p', null, paths.length + (paths.length === 1 ? ' causal path' : ' causal paths')),
      paths.map((p, i) => h('div', { class: 'item path-item', onclick: () => highlightPath(p.nodes, p.hops) },
        h('strong', null, 'Path ' + (i + 1)), ' · ', p.hops.length + ' hops · net ', polarity(p.polarity),
        ' · confidence ', p.confidence, p.inferred ? h('span', { class: 'flag inferred' }, 'rests on an inferred link') : null,
        h('ol', { class: 'hops' }, p.hops.map((hop) => h('li', {
          class: 'hop',
          onclick: (ev) => {
            ev.stopPropagation();
            if (hop.kind !== 'involvement') select({ link: hop.source + '/link/' + hop.link });
          },
        }, nodeName(hop.cause), ' → ', nodeName(hop.effect), ' ',
        hop.kind === 'involvement' ? h('span', { class: 'flag' }, 'involved in') : [polarity(hop.polarity),
          h('span', { class: 'flag' }, hop.hedge), hop.inferred ? h('span', { class: 'flag inferred' }, 'inferred') : null,
          h('div', { class: 'quote' }, hop.quote)]))))));
  }

  // ---- loops ---------------------------------------------------------------

  function loopIndex(l) {
    const key = l.nodes.map((n) => n.id).join(' ');
    return loops.findIndex((x) => x.nodes.map((n) => n.id).join(' ') === key);
  }

  function loopMark(l, i) {
    return (l.type === 'balancing' ? 'B' : 'R') + (i + 1);
  }

  function showLoop(i) {
    state.loop = i < 0 ? '' : String(i);
    state.tab = 'loops';
    render();
  }

  function renderLoops() {
    const out = $('loops-out');
    if (loops.length === 0) {
      put(out, h('p', { class: 'hint' }, 'The graph has no feedback loop.'));
      return;
    }
    put(out, h('p', null, loops.length + ' feedback loops. R: reinforcing (a change comes back amplified); B: balancing (it comes back opposed).'),
      loops.map((l, i) => h('div', { class: 'item loop-item' + (String(i) === state.loop ? ' current' : ''), onclick: () => showLoop(i) },
        h('strong', null, loopMark(l, i)), ' ', l.type, ' · ', l.hops.length + ' links',
        h('div', null, l.nodes.concat([l.nodes[0]]).map((n) => n.label_zh || n.label).join(' → ')))));
    if (state.loop !== '' && loops[+state.loop]) highlightPath(loops[+state.loop].nodes, loops[+state.loop].hops);
  }

  // ---- search --------------------------------------------------------------

  async function showSearch() {
    const out = $('search-out');
    clearMarks('match');
    if (!state.q.trim()) {
      put(out, h('p', { class: 'hint' }, 'Search names, claims and quotes in English or Chinese, in either script.'));
      return;
    }
    const q = state.q;
    const r = await api('/api/search', { q });
    if (state.q !== q) return;
    if (!r.ok) {
      put(out, h('p', { class: r.status === 404 ? 'hint' : 'error', id: 'search-none' }, r.body.error || r.body));
      return;
    }
    const results = r.body.results;
    out.dataset.q = q;
    for (const m of results) if (m.kind === 'entity' || m.kind === 'factor') cy.$id(m.node.id).addClass('match');
    put(out, h('p', null, results.length + ' matches for “' + q + '”'),
      results.map((m) => h('div', {
        class: 'item result', 'data-kind': m.kind, 'data-id': m.node.id,
        onclick: () => (m.kind === 'link' ? select({ link: linkID(m) }) : select({ node: m.node.id })),
      }, h('span', { class: 'flag' }, m.kind), ' ', h('strong', null, m.node.label_zh), ' ', m.node.label,
      m.kind === 'link' ? [' → ', h('strong', null, m.effect.label_zh), ' ', m.effect.label] : null,
      h('div', { class: 'meta' }, m.match))));
  }

  function linkID(m) {
    const e = cy.edges('.causes').filter((x) => x.data('link') === m.link && x.data('source') === m.node.id);
    return e.nonempty() ? e[0].id() : '';
  }

  // ---- the whole view ------------------------------------------------------

  let shown = {};

  // render brings the page in line with the state, doing only what changed.
  function render() {
    writeAddress();
    for (const b of document.querySelectorAll('#tabs button')) b.classList.toggle('active', b.dataset.tab === state.tab);
    for (const s of document.querySelectorAll('.tab')) s.classList.toggle('active', s.id === 'tab-' + state.tab);
    $('f-hedge').value = state.min_hedge;
    $('f-inferred').checked = state.inferred === '1';
    $('f-entities').checked = state.entities === '1';
    $('f-source').value = state.source;
    $('f-speaker').value = state.speaker;
    if ($('search').value !== state.q && document.activeElement !== $('search')) $('search').value = state.q;

    const changed = (keys) => keys.some((k) => shown[k] !== state[k]);
    const first = !shown.drawn;
    if (first || changed(['from', 'to', 'min_hedge'])) {
      if (!(state.from && state.to)) unhighlight();
      showTrace();
    }
    if (first || changed(['loop'])) {
      if (state.loop === '' && !(state.from && state.to)) unhighlight();
      renderLoops();
    }
    if (changed(['node', 'link'])) {
      if (state.node) showNode(state.node);
      else if (state.link) showLink(state.link);
      else clearMarks('current');
    }
    if (changed(['q'])) showSearch();
    applyFilters();
    shown = Object.assign({ drawn: true }, state);
  }

  function bindControls() {
    for (const b of document.querySelectorAll('#tabs button')) {
      b.addEventListener('click', () => { state.tab = b.dataset.tab; render(); });
    }
    let timer;
    $('search-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      clearTimeout(timer);
      state.q = $('search').value.trim();
      state.tab = 'search';
      render();
    });
    $('search').addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (state.q === $('search').value.trim()) return;
        state.q = $('search').value.trim();
        state.tab = 'search';
        render();
      }, 250);
    });
    $('f-hedge').addEventListener('change', (ev) => { state.min_hedge = ev.target.value; render(); });
    $('f-inferred').addEventListener('change', (ev) => { state.inferred = ev.target.checked ? '1' : '0'; render(); });
    $('f-entities').addEventListener('change', (ev) => { state.entities = ev.target.checked ? '1' : '0'; render(); });
    $('f-source').addEventListener('change', (ev) => { state.source = ev.target.value; render(); });
    $('f-speaker').addEventListener('change', (ev) => { state.speaker = ev.target.value; render(); });
    $('fit').addEventListener('click', () => cy.fit(cy.elements().not('.hidden'), 30));
    $('clear').addEventListener('click', () => {
      Object.assign(state, { node: '', link: '', from: '', to: '', loop: '', q: '' });
      $('search').value = '';
      render();
    });
    window.addEventListener('hashchange', () => { readAddress(); render(); });
    cy.on('tap', 'node', (ev) => select({ node: ev.target.id() }, true));
    cy.on('tap', 'edge.causes', (ev) => select({ link: ev.target.id() }, true));
  }

  function fillSelect(id, values) {
    const sel = $(id);
    for (const [value, text] of values) sel.append(h('option', { value }, text));
  }

  async function start() {
    readAddress();
    const [graph, loopRes, srcRes] = await Promise.all([
      api('/api/export', { format: 'cytoscape' }),
      api('/api/loops'),
      api('/api/sources'),
    ]);
    if (!graph.ok) throw new Error(graph.body.error || 'cannot read the graph');
    sources = srcRes.ok ? srcRes.body.sources : [];
    loops = loopRes.ok ? loopRes.body.loops : [];
    cytoscape.use(cytoscapeDagre);
    cy = cytoscape({
      container: $('graph'), elements: elementsOf(graph.body), style,
      minZoom: 0.05, maxZoom: 3,
    });
    loops.forEach((l, i) => {
      for (const hop of l.hops) {
        const e = hopEdge(hop);
        e.data('loopMark', e.data('loopMark') ? e.data('loopMark') + ' ' + loopMark(l, i) : loopMark(l, i));
      }
    });
    fillSelect('f-source', sources.map((s) => [s.id, s.title.length > 30 ? s.title.slice(0, 30) + '…' : s.title]));
    const speakers = [...new Set(cy.edges('.causes').map((e) => e.data('speaker')).filter(Boolean))].sort();
    fillSelect('f-speaker', speakers.map((s) => [s, nodeName(s)]));
    // Layers from causes down to effects; involvement weighs little, so
    // that causal links shape the layers.
    cy.layout({
      name: 'dagre', rankDir: 'TB', nodeSep: 12, rankSep: 56, edgeSep: 6,
      edgeWeight: (e) => (e.hasClass('causes') ? 4 : 1),
      fit: true, padding: 16, animate: false,
    }).run();
    cy.layout({
      name: 'cose', randomize: false, animate: false, fit: true, padding: 16,
      idealEdgeLength: (e) => (e.hasClass('causes') ? 150 : 60),
      edgeElasticity: (e) => (e.hasClass('causes') ? 80 : 200),
      nodeRepulsion: () => 2500000, nodeOverlap: 200, gravity: 40, numIter: 2500,
      componentSpacing: 120, nodeDimensionsIncludeLabels: true,
    }).run();
    bindControls();
    render();
    if (state.node || state.link) {
      const el = cy.$id(state.node || state.link);
      focus(el.isEdge() ? el.connectedNodes() : el);
    }
    window.causeway.ready = true;
  }

  // A handle for tests and the curious: the graph and the state.
  window.causeway = { ready: false, state, get cy() { return cy; } };
  document.addEventListener('DOMContentLoaded', () => {
    start().catch((err) => {
      $('status').textContent = 'cannot draw the graph: ' + err.message;
      $('status').classList.add('error');
    });
  });
})();
