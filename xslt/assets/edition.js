/* tei-edition reading edition: the break switch, absolute citation links, and search.
   No library, no request to another site. The search index is a script
   (search-index.js sets window.TEI_EDITION_SEARCH), so it loads from file:// too,
   where fetch() of a local file is refused. */
(function () {
  'use strict';
  var root = document.documentElement;
  var zh = /^zh/i.test(root.lang || '');
  var T = zh
    ? { loading: '正在载入索引……', none: '没有找到“%q”。', found: '找到 %n 处。', repeat: '重复内容', failed: '索引无法载入。', short: '请输入要搜索的字词。' }
    : { loading: 'Loading the index…', none: 'Nothing found for “%q”.', found: '%n found.', repeat: 'repeated text', failed: 'The index could not be loaded.', short: 'Type a word to search for.' };

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

  /* Citations name the address the reader actually sees. */
  var here = location.href.split('#')[0].split('?')[0];
  var urls = document.querySelectorAll('.te-cite-url');
  for (var i = 0; i < urls.length; i++) {
    var frag = urls[i].getAttribute('data-fragment');
    urls[i].textContent = here + (frag ? '#' + frag : '');
  }

  /* ---- Search ---------------------------------------------------------- */
  var form = document.querySelector('form.te-search');
  if (!form) { return; }
  var input = form.querySelector('input[type=search]');
  var status = document.getElementById('te-search-status');
  var list = document.getElementById('te-results');
  form.hidden = false;

  function norm(s) {
    return s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  }

  var loading = null;
  function loadIndex() {
    if (window.TEI_EDITION_SEARCH) { return Promise.resolve(window.TEI_EDITION_SEARCH); }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = form.getAttribute('data-index');
        s.onload = function () { window.TEI_EDITION_SEARCH ? resolve(window.TEI_EDITION_SEARCH) : reject(); };
        s.onerror = function () { loading = null; reject(); };
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  /* Normalised text of a passage with, for each of its characters, the position in
     the original text: results are matched on the first and highlighted in the second. */
  function prepared(doc) {
    if (!doc._n) {
      var chars = Array.from(doc.x), n = [], map = [];
      var pos = 0;
      for (var k = 0; k < chars.length; k++) {
        var c = norm(chars[k]);
        for (var j = 0; j < c.length; j++) { n.push(c[j]); map.push(pos); }
        pos += chars[k].length;
      }
      map.push(pos);
      doc._n = n.join('');
      doc._map = map;
    }
    return doc;
  }

  function search(index, q) {
    var grams = Array.from(q);
    var candidates = null;
    if (grams.length >= 2) {
      for (var k = 0; k + 1 < grams.length; k++) {
        var post = index.grams[grams[k] + grams[k + 1]];
        if (!post) { return []; }
        if (candidates === null) {
          candidates = post.slice();
        } else {
          var set = new Set(post);
          candidates = candidates.filter(function (d) { return set.has(d); });
        }
        if (!candidates.length) { return []; }
      }
    } else {
      candidates = index.docs.map(function (d, n) { return n; });
    }
    var hits = [];
    candidates.forEach(function (n) {
      var doc = prepared(index.docs[n]);
      var at = doc._n.indexOf(q);
      if (at >= 0) { hits.push({ doc: doc, at: at, len: q.length }); }
    });
    // Originals before repeats, then in page order.
    hits.sort(function (a, b) { return (a.doc.r ? 1 : 0) - (b.doc.r ? 1 : 0) || a.doc.p - b.doc.p; });
    return hits;
  }

  function snippet(hit) {
    var doc = hit.doc;
    var start = doc._map[hit.at];
    var end = doc._map[Math.min(hit.at + hit.len, doc._map.length - 1)];
    var from = Math.max(0, start - 30), to = Math.min(doc.x.length, end + 50);
    var p = document.createElement('p');
    p.className = 'te-snippet';
    p.appendChild(document.createTextNode((from > 0 ? '…' : '') + doc.x.slice(from, start)));
    var m = document.createElement('mark');
    m.textContent = doc.x.slice(start, end);
    p.appendChild(m);
    p.appendChild(document.createTextNode(doc.x.slice(end, to) + (to < doc.x.length ? '…' : '')));
    return p;
  }

  function show(index, raw) {
    var q = norm(raw);
    list.textContent = '';
    if (!q) { status.textContent = raw ? T.short : ''; return; }
    var hits = search(index, q);
    status.textContent = hits.length ? T.found.replace('%n', hits.length) : T.none.replace('%q', raw.trim());
    hits.slice(0, 50).forEach(function (hit) {
      var page = index.pages[hit.doc.p];
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = page.h + (hit.doc.id ? '#' + hit.doc.id : '');
      a.textContent = hit.doc.t;
      li.appendChild(a);
      var where = document.createElement('span');
      where.className = 'te-result-page';
      where.textContent = ' — ' + page.t + (hit.doc.r ? '（' + T.repeat + '）' : '');
      li.appendChild(where);
      li.appendChild(snippet(hit));
      list.appendChild(li);
    });
  }

  var timer = null;
  function run() {
    var raw = input.value;
    if (!window.TEI_EDITION_SEARCH) { status.textContent = T.loading; }
    loadIndex().then(function (index) { show(index, raw); },
                     function () { status.textContent = T.failed; });
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  var initial = new URLSearchParams(location.search).get('q');
  if (initial) { input.value = initial; run(); }
}());
