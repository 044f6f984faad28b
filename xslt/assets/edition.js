/* tei-edition reading edition: the break switch, absolute citation links, search across
   the archive, and the search term highlighted on the page a result leads to.
   No library, no request to another site. Every search file is a script that hands its
   data to TEI_EDITION_SEARCH.put (site.py writes them), so search works from file:// too,
   where fetch() of a local file is refused; a query loads only the shards holding its
   characters and the text of the pages it shows. */
(function () {
  'use strict';
  var root = document.documentElement;
  var zh = /^zh/i.test(root.lang || '');
  var T = zh
    ? { loading: '正在载入索引……', none: '没有找到“%q”。', found: '找到 %n 处，在 %p 个版面。',
        repeat: '重复内容', failed: '索引无法载入。', short: '请输入要搜索的字词。', more: '显示更多',
        times: '%n 处', hits: '本页标出 %n 处“%q”。' }
    : { loading: 'Loading the index…', none: 'Nothing found for “%q”.', found: '%n found on %p pages.',
        repeat: 'repeated text', failed: 'The index could not be loaded.', short: 'Type a word to search for.',
        more: 'Show more', times: '%n×', hits: '%n × “%q” marked on this page.' };
  var PAGES_AT_ONCE = 10, SNIPPETS = 3, RESULTS_MAX = 200;

  /* Break switch: CSS :has() already reacts to the checkbox; the class serves
     browsers without :has() and lets the choice survive a reload. */
  var sw = document.getElementById('te-breaks');
  if (sw) {
    try { sw.checked = sessionStorage.getItem('te-breaks') === '1' || sw.checked; } catch (e) { /* storage off */ }
    var applyBreaks = function () {
      root.classList.toggle('te-show-breaks', sw.checked);
      try { sessionStorage.setItem('te-breaks', sw.checked ? '1' : '0'); } catch (e) { /* storage off */ }
    };
    sw.addEventListener('change', applyBreaks);
    applyBreaks();
  }

  /* Citations. The access date (GB/T 7714's [引用日期]) is the reader's: today. An address
     the site was built without (no base URL) becomes the one the reader sees when the
     page came over http(s); from a file: address it stays "unknown": a citation that
     names a file on one reader's disk leads no one else anywhere. */
  var now = new Date();
  var accessed = now.getFullYear() + '-' + String(now.getMonth() + 1).padStart(2, '0') + '-' +
    String(now.getDate()).padStart(2, '0');
  var stamps = document.querySelectorAll('.te-cite-accessed');
  for (var i = 0; i < stamps.length; i++) { stamps[i].textContent = accessed; }
  if (/^https?:$/.test(location.protocol)) {
    var unknown = document.querySelectorAll('.te-cite-url-unknown');
    for (var u = 0; u < unknown.length; u++) {
      try {
        unknown[u].textContent = new URL(unknown[u].getAttribute('data-href') || '', location.href).href;
        unknown[u].classList.remove('te-cite-url-unknown');
      } catch (e) { /* keep the note */ }
    }
  }

  var form = document.querySelector('form.te-search');
  if (!form) { return; }
  var indexUrl = form.getAttribute('data-index');          // ROOT + "search/index.js"
  var base = indexUrl.replace(/[^\/]*$/, '');              // ROOT + "search/"
  var siteRoot = base.replace(/search\/$/, '');

  /* ---- Loading search files --------------------------------------------- */
  var store = {}, waiting = {};
  window.TEI_EDITION_SEARCH = {
    put: function (kind, name, data) {
      var id = kind + '/' + name;
      store[id] = data;
      (waiting[id] || []).forEach(function (w) { w(data); });
      delete waiting[id];
    }
  };
  function load(kind, name) {
    var id = kind + '/' + name;
    if (store[id]) { return Promise.resolve(store[id]); }
    return new Promise(function (resolve, reject) {
      if (waiting[id]) { waiting[id].push(resolve); return; }
      waiting[id] = [resolve];
      var s = document.createElement('script');
      s.src = base + (kind === 'meta' ? 'index' : kind === 'fold' ? 'fold' : kind + '/' + name) + '.js';
      s.onerror = function () { delete waiting[id]; s.remove(); reject(new Error(id)); };
      s.onload = function () { if (!store[id]) { delete waiting[id]; reject(new Error(id)); } };
      document.head.appendChild(s);
    });
  }

  /* ---- Folding: as site.py's fold(), one character at a time ------------- */
  var t2s = null, folded = new Map();
  function ready() {
    return Promise.all([load('meta', 'index'), load('fold', 't2s')]).then(function (got) {
      if (!t2s) {
        t2s = new Map();
        var a = Array.from(got[1].from), b = Array.from(got[1].to);
        for (var k = 0; k < a.length; k++) { t2s.set(a[k], b[k]); }
      }
      return got[0];
    });
  }
  function foldChar(c) {
    var f = folded.get(c);
    if (f !== undefined) { return f; }
    if (/\s/.test(c)) {
      f = '';
    } else {
      var n = c.normalize('NFKC');
      if (Array.from(n).length !== 1) { n = c; }
      var l = n.toLowerCase();
      if (Array.from(l).length !== 1) { l = n; }
      f = t2s.get(l) || l;
    }
    folded.set(c, f);
    return f;
  }
  /* The folded text (as an array of characters) and, for each, where it starts in the
     original string; map[length] is the original's length. */
  function foldMap(text) {
    var chars = [], map = [], pos = 0;
    for (var c of text) {
      var f = foldChar(c);
      if (f) { chars.push(f); map.push(pos); }
      pos += c.length;
    }
    map.push(pos);
    return { chars: chars, map: map };
  }
  function fold(text) { return foldMap(text).chars.join(''); }

  function fnv(text) {
    var h = 2166136261;
    for (var c of text) { h = Math.imul(h ^ c.codePointAt(0), 16777619) >>> 0; }
    return h;
  }
  function shard(text, count) { return (fnv(text) % count).toString(16).padStart(3, '0'); }

  /* "key:p,p;key:p" -> Map key -> array of numbers */
  function entries(value) {
    var out = new Map();
    if (!value) { return out; }
    value.split(';').forEach(function (entry) {
      var at = entry.indexOf(':');
      out.set(entry.slice(0, at), entry.slice(at + 1).split(',').map(function (n) { return parseInt(n, 36); }));
    });
    return out;
  }

  /* Occurrences of the folded query: [{key, pos}] by page key (date order), then position;
     pos is null for a one-character query (found in the page's text when shown). */
  function occurrences(meta, chars) {
    if (chars.length === 1) {
      return load('u', shard(chars[0], meta.u)).then(function (data) {
        var found = [];
        entries(data[chars[0]]).forEach(function (counts, key) { found.push({ key: key, count: counts[0] }); });
        return found;
      });
    }
    var offsets = [];
    for (var o = 0; o + 1 < chars.length; o += 2) { offsets.push(o); }
    if (offsets[offsets.length - 1] !== chars.length - 2) { offsets.push(chars.length - 2); }
    var grams = offsets.map(function (o) { return chars[o] + chars[o + 1]; });
    return Promise.all(grams.map(function (g) { return load('g', shard(g, meta.g)); })).then(function (shards) {
      var lists = grams.map(function (g, k) { return entries(shards[k][g]); });
      var found = [];
      lists[0].forEach(function (first, key) {
        var sets = [];
        for (var k = 1; k < lists.length; k++) {
          if (!lists[k].has(key)) { return; }
          sets.push(new Set(lists[k].get(key)));
        }
        var at = [];
        first.forEach(function (p) {
          for (var k = 1; k < lists.length; k++) { if (!sets[k - 1].has(p + offsets[k])) { return; } }
          at.push(p);
        });
        if (at.length) { found.push({ key: key, count: at.length, at: at }); }
      });
      found.sort(function (a, b) { return a.key < b.key ? -1 : a.key > b.key ? 1 : 0; });
      return found;
    });
  }

  /* A page's passages with their folded texts and where each starts in the page's folded
     text (passages one after another, one separator between them, as in site.py). */
  function prepared(page) {
    if (!page._units) {
      var offset = 0;
      page._units = page.u.map(function (u) {
        var fm = foldMap(u.x);
        var unit = { u: u, chars: fm.chars, map: fm.map, start: offset };
        offset += fm.chars.length + 1;
        return unit;
      });
    }
    return page._units;
  }

  function findAll(chars, q) {
    var text = chars.join(''), at = [], from = 0, k;
    // Positions in characters, not UTF-16 units: count the characters before each hit.
    while ((k = text.indexOf(q, from)) >= 0) {
      at.push(Array.from(text.slice(0, k)).length);
      from = k + q.length;
    }
    return at;
  }

  /* ---- Results ------------------------------------------------------------ */
  var input = form.querySelector('input[type=search]');
  var status = document.getElementById('te-search-status');
  var list = document.getElementById('te-results');
  form.hidden = false;
  var more = document.createElement('button');
  more.type = 'button';
  more.className = 'te-more';
  more.textContent = T.more;
  more.hidden = true;
  list.after(more);

  function snippet(unit, at, len, href) {
    var x = unit.u.x;
    var start = unit.map[at], end = unit.map[Math.min(at + len, unit.map.length - 1)];
    var from = Math.max(0, start - 30), to = Math.min(x.length, end + 50);
    var p = document.createElement('a');
    p.className = 'te-snippet';
    p.href = href;
    p.appendChild(document.createTextNode((from > 0 ? '…' : '') + x.slice(from, start)));
    var m = document.createElement('mark');
    m.textContent = x.slice(start, end);
    p.appendChild(m);
    p.appendChild(document.createTextNode(x.slice(end, to) + (to < x.length ? '…' : '')));
    return p;
  }

  function showPage(page, hit, q, qlen, raw) {
    var units = prepared(page);
    var at = hit.at || findAll([].concat.apply([], units.map(function (u) { return u.chars.concat(['\uffff']); })), q);
    units.forEach(function (unit) {
      var mine = at.filter(function (p) { return p >= unit.start && p + qlen <= unit.start + unit.chars.length; })
        .map(function (p) { return p - unit.start; });
      if (!mine.length) { return; }
      var href = siteRoot + page.h + '?hl=' + encodeURIComponent(raw.trim());
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.className = 'te-result-title';
      a.href = href + (unit.u.i ? '#' + unit.u.i : '');
      a.textContent = unit.u.t;
      li.appendChild(a);
      var where = document.createElement('span');
      where.className = 'te-result-page';
      where.textContent = ' — ' + page.t + (unit.u.r ? '（' + T.repeat + '）' : '') + ' · ' + T.times.replace('%n', mine.length);
      li.appendChild(where);
      mine.slice(0, SNIPPETS).forEach(function (p, k) {
        li.appendChild(snippet(unit, p, qlen, href + '&o=' + k + (unit.u.i ? '#' + unit.u.i : '')));
      });
      list.appendChild(li);
    });
  }

  var current = 0;                     // the newest query wins
  function run() {
    var raw = input.value;
    var q = '';
    var ticket = ++current;
    list.textContent = '';
    more.hidden = true;
    if (!raw.trim()) { status.textContent = ''; return; }
    status.textContent = T.loading;
    ready().then(function (meta) {
      if (ticket !== current) { return null; }
      q = fold(raw);
      var chars = Array.from(q);
      if (!chars.length) { status.textContent = T.short; return null; }
      return occurrences(meta, chars).then(function (found) {
        if (ticket !== current) { return; }
        var total = found.reduce(function (n, h) { return n + h.count; }, 0);
        status.textContent = total ? T.found.replace('%n', total).replace('%p', found.length)
                                   : T.none.replace('%q', raw.trim());
        var shown = 0;
        function next() {
          var batch = found.slice(shown, shown + PAGES_AT_ONCE);
          shown += batch.length;
          more.hidden = true;
          return Promise.all(batch.map(function (h) { return load('p', h.key); })).then(function (pages) {
            if (ticket !== current) { return; }
            pages.forEach(function (page, k) { showPage(page, batch[k], q, chars.length, raw); });
            more.hidden = shown >= found.length || list.children.length >= RESULTS_MAX;
          });
        }
        more.onclick = function () { next().catch(function () { status.textContent = T.failed; }); };
        return next();
      });
    }).catch(function () { if (ticket === current) { status.textContent = T.failed; } });
  }

  var timer = null;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });

  /* ---- The term a result led here for, marked in the text ----------------- */
  function highlight(raw, nth) {
    var text = document.querySelector('.te-text');
    if (!text) { return; }
    var q = fold(raw);
    if (!q) { return; }
    var walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest('.te-gen, script, style') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [], chars = [], where = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var pos = 0;
      for (var c of node.data) {
        var f = foldChar(c);
        if (f) { chars.push(f); where.push([nodes.length, pos, pos + c.length]); }
        pos += c.length;
      }
      nodes.push(node);
    }
    var hits = findAll(chars, q), qlen = Array.from(q).length;
    // Last first: wrapping splits text nodes after the places still to be wrapped.
    for (var h = hits.length - 1; h >= 0; h--) {
      var pieces = [];
      for (var k = hits[h]; k < hits[h] + qlen; k++) {
        var w = where[k], last = pieces[pieces.length - 1];
        if (last && last[0] === w[0]) { last[2] = w[2]; } else { pieces.push(w.slice()); }
      }
      for (var p = pieces.length - 1; p >= 0; p--) {
        var range = document.createRange();
        range.setStart(nodes[pieces[p][0]], pieces[p][1]);
        range.setEnd(nodes[pieces[p][0]], pieces[p][2]);
        var mark = document.createElement('mark');
        mark.className = 'te-hit';
        range.surroundContents(mark);
      }
    }
    var marks = document.querySelectorAll('mark.te-hit');
    status.textContent = T.hits.replace('%n', hits.length).replace('%q', raw);
    var scope = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    var inScope = scope ? scope.querySelectorAll('mark.te-hit') : marks;
    var target = inScope[Math.min(nth || 0, inScope.length - 1)] || marks[0];
    if (target) {
      var closed = target.closest('details');
      if (closed) { closed.open = true; }
      target.classList.add('te-hit-current');
      target.setAttribute('tabindex', '-1');
      target.scrollIntoView({ block: 'center' });
    }
  }

  var params = new URLSearchParams(location.search);
  var hl = params.get('hl');
  if (hl) {
    ready().then(function () { highlight(hl, parseInt(params.get('o') || '0', 10)); }, function () { /* no index: nothing to mark */ });
  }
  var initial = params.get('q');
  if (initial) { input.value = initial; run(); }
}());
