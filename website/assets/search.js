// Search for the envcoop site. It runs in the browser over the index that
// search-index.js defines (ENVCOOP_SEARCH), with no network, so it works
// from file:// too. It ranks as 'envcoop search' does (kb.Search): every
// term of the query (a word, or a phrase in double quotes) must occur in
// some field of a record, case and accents aside; a term of five letters or
// more that occurs nowhere matches words one edit away (two from eight
// letters). Each term scores the weight of the best field it occurs in,
// each field that matched adds its weight, and a query equal to an id, name
// or alias adds 20; ties go to the record more records refer to, then by
// name, then by id.
(function () {
  "use strict";
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

  function words(s) {
    return s.split(/\s+/).filter(function (w) { return w !== ""; });
  }

  // terms: words, and phrases between double quotes
  function queryTerms(query) {
    var out = [];
    fold(query).split('"').forEach(function (part, i) {
      if (i % 2 === 1) {
        var p = words(part).join(" ");
        if (p !== "") {
          out.push(p);
        }
      } else {
        out = out.concat(words(part));
      }
    });
    return out;
  }

  function typoBudget(n) {
    return n >= 8 ? 2 : n >= 5 ? 1 : 0;
  }

  // editDistance counts insertions, deletions, substitutions and swaps of
  // neighbours, giving up past limit.
  function editDistance(a, b, limit) {
    var x = Array.from(a), y = Array.from(b);
    if (Math.abs(x.length - y.length) > limit) {
      return limit + 1;
    }
    var prev2 = new Array(y.length + 1).fill(0), prev = [], cur = new Array(y.length + 1).fill(0);
    for (var j = 0; j <= y.length; j++) {
      prev[j] = j;
    }
    for (var i = 1; i <= x.length; i++) {
      cur[0] = i;
      var rowMin = cur[0];
      for (j = 1; j <= y.length; j++) {
        var cost = x[i - 1] === y[j - 1] ? 0 : 1;
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
          cur[j] = Math.min(cur[j], prev2[j - 2] + 1);
        }
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
      var t = prev2; prev2 = prev; prev = cur; cur = t;
    }
    return prev[y.length];
  }

  function fuzzy(term, v) {
    var budget = typoBudget(Array.from(term).length);
    if (budget === 0 || term.indexOf(" ") >= 0) {
      return false;
    }
    return v.split(/[^\p{L}\p{N}]+/u).some(function (w) {
      return w !== "" && editDistance(term, w, budget) <= budget;
    });
  }

  function search(query) {
    var terms = queryTerms(query);
    if (terms.length === 0) {
      return null;
    }
    var whole = terms.join(" ");
    var found = terms.map(function (t) {
      return index.records.some(function (rec) {
        return rec.fields.some(function (f) {
          return f[2].some(function (v) { return v.indexOf(t) >= 0; });
        });
      });
    });
    function match(t, v) {
      return found[t] ? v.indexOf(terms[t]) >= 0 : fuzzy(terms[t], v);
    }
    var hits = [];
    index.records.forEach(function (rec) {
      var score = 0;
      var matched = rec.fields.map(function () { return false; });
      for (var t = 0; t < terms.length; t++) {
        var best = 0;
        rec.fields.forEach(function (f, i) {
          if (f[1] > 0 && f[2].some(function (v) { return match(t, v); })) {
            matched[i] = true;
            best = Math.max(best, f[1]);
          }
        });
        if (best === 0) {
          return;
        }
        score += best;
      }
      var bonus = false;
      rec.fields.forEach(function (f, i) {
        if (matched[i]) {
          score += f[1];
          bonus = bonus || (f[1] >= 8 && f[2].indexOf(whole) >= 0);
        }
      });
      if (bonus) {
        score += 20;
      }
      hits.push({ rec: rec, score: score, name: fold(rec.name) });
    });
    hits.sort(function (a, b) {
      return b.score - a.score || b.rec.rank - a.rec.rank ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
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
      a.textContent = h.rec.label || h.rec.name;
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
