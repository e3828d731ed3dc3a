// Search for the envcoop site. It runs in the browser over the index that
// search-index.js defines (ENVCOOP_SEARCH), with no network, so it works
// from file:// too. It ranks as 'envcoop search' does (kb.Search): every
// word of the query must occur in some field of a record, case and accents
// aside; each word scores the weight of the best field it occurs in; a
// query equal to an id, name or alias scores 20 more; ties go to themes,
// then agreements, crises and goals, then by id.
(function () {
  "use strict";
  var kinds = ["theme", "agreement", "crisis", "sdg"];
  var labels = { theme: "Theme", agreement: "Agreement", crisis: "Crisis", sdg: "Goal" };
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var results = document.getElementById("results");
  var index = window.ENVCOOP_SEARCH;
  if (!index) {
    status.textContent = "The search index (assets/search-index.js) did not load.";
    return;
  }

  function fold(s) {
    return s.normalize("NFD").replace(/\p{Mn}/gu, "").normalize("NFC").toLowerCase();
  }

  function search(query) {
    var terms = fold(query).split(/\s+/).filter(function (t) { return t !== ""; });
    if (terms.length === 0) {
      return null;
    }
    var whole = terms.join(" ");
    var hits = [];
    index.records.forEach(function (rec) {
      var score = 0;
      for (var t = 0; t < terms.length; t++) {
        var best = 0;
        rec.fields.forEach(function (f) {
          if (f[1] > best && f[2].some(function (v) { return v.indexOf(terms[t]) >= 0; })) {
            best = f[1];
          }
        });
        if (best === 0) {
          return;
        }
        score += best;
      }
      if (rec.fields.some(function (f) { return f[1] >= 8 && f[2].indexOf(whole) >= 0; })) {
        score += 20;
      }
      hits.push({ rec: rec, score: score });
    });
    hits.sort(function (a, b) {
      return b.score - a.score ||
        kinds.indexOf(a.rec.kind) - kinds.indexOf(b.rec.kind) ||
        (a.rec.id < b.rec.id ? -1 : a.rec.id > b.rec.id ? 1 : 0);
    });
    return hits;
  }

  function show(query) {
    var hits = search(query);
    results.textContent = "";
    if (hits === null) {
      status.textContent = "";
      return;
    }
    status.textContent = hits.length === 0 ? "Nothing matches “" + query.trim() + "”." :
      hits.length + (hits.length === 1 ? " result" : " results") + " for “" + query.trim() + "”.";
    hits.forEach(function (h) {
      var li = document.createElement("li");
      li.dataset.id = h.rec.id;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = labels[h.rec.kind] || h.rec.kind;
      var a = document.createElement("a");
      a.href = h.rec.url;
      a.textContent = h.rec.name;
      li.appendChild(kind);
      li.appendChild(a);
      if (h.rec.summary) {
        var p = document.createElement("p");
        p.textContent = h.rec.summary;
        li.appendChild(p);
      }
      results.appendChild(li);
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    show(input.value);
  });
  input.addEventListener("input", function () { show(input.value); });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) {
    input.value = q;
    show(q);
  }
})();
