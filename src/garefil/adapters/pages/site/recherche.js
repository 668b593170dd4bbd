/* garefil site: search in the page, offline. The index (assets/index-recherche.js and the shards
   it lists, assets/recherche/) is loaded the first time the box is used; it maps each folded word of the notes to its term, as the command
   line's French analysis makes them. Here we only fold the typed words the same way
   (core/text.py fold: ligatures, accents, case; apostrophes split elisions) and look them up.
   Results are built with text nodes only: nothing from a note is ever parsed as HTML. */
(function () {
  "use strict";
  var LIGATURES = { "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss" };
  var MAX_RESULTS = 20;
  /* What an apostrophe is: core/text.py's APOSTROPHES (a test keeps them equal). ʼ is a letter
     to Unicode: words leave it out, as the command line's analysis does. */
  var APOSTROPHES = "'’‘ʼ";
  var ALNUM = "(?:(?!ʼ)[\\p{L}\\p{N}\\p{M}])";
  var WORD = new RegExp(ALNUM + "+", "gu");
  /* Feminine endings and their masculine: search_index.py's LIGHT_ENDINGS (keep them equal). */
  var LIGHT_ENDINGS = [["trice", "teur"], ["teuse", "teur"], ["euse", "eur"], ["eure", "eur"],
    ["ere", "er"], ["ee", "e"]];

  function fold(text) {
    var bare = text.replace(/[œŒæÆß]/g, function (c) { return LIGATURES[c]; })
      .normalize("NFKD").replace(/\p{M}/gu, "");
    return bare.toLowerCase();
  }

  /* A folded word's light form, as search_index.py's `light` makes it: inclusive ending, plural
     and feminine undone (cotisations → cotisation, accompagnatrice → accompagnateur). */
  function light(word) {
    word = word.split(/[·•⋅‧./(]/)[0];
    if (word.length > 3 && /[sx]$/.test(word) && word.charAt(word.length - 2) !== "s") {
      word = word.slice(0, -1);
    }
    for (var i = 0; i < LIGHT_ENDINGS.length; i++) {
      var feminine = LIGHT_ENDINGS[i][0];
      if (word.length > feminine.length + 2 && word.slice(-feminine.length) === feminine) {
        return word.slice(0, -feminine.length) + LIGHT_ENDINGS[i][1];
      }
    }
    return word;
  }

  function words(text) {
    return (text.normalize("NFC").match(WORD) || []);
  }

  /* The term of a typed word, as the index knows it; plural and feminine participle folded
     as the French analysis does before stemming (emplois → emploi, créées → créé). */
  function termOf(word, index) {
    var folded = fold(word);
    var tries = [folded];
    if (folded.length > 3 && /[aeiou]s$/.test(folded)) { tries.push(folded.slice(0, -1)); }
    if (folded.length > 3 && /ees?$/.test(folded)) { tries.push(folded.replace(/es?$/, "")); }
    for (var i = 0; i < tries.length; i++) {
      if (Object.prototype.hasOwnProperty.call(index.vocab, tries[i])) { return index.vocab[tries[i]]; }
    }
    /* A form no note holds: its light form, which the notes' forms share (accompagnateur). */
    var form = light(folded);
    return Object.prototype.hasOwnProperty.call(index.light, form) ? index.light[form] : null;
  }

  /* Each word typed after an elided particle, and the two joined (« n'diaye » → diaye: ndiaye):
     notes write a name « N'Diaye » or « Ndiaye », and the index holds both ways
     (french_analysis.py's word_terms, name_particles.py). */
  var ELIDED = new RegExp("(?:^|(?!" + ALNUM + ")[\\s\\S])((?:(?!ʼ)\\p{L}){1,2})[" + APOSTROPHES + "](" +
    ALNUM + "+)", "gu");

  function joinedForms(query) {
    var joined = {}, match;
    ELIDED.lastIndex = 0;
    while ((match = ELIDED.exec(query.normalize("NFC"))) !== null) {
      joined[fold(match[2])] = fold(match[1] + match[2]);
    }
    return joined;
  }

  /* The notes matching every typed word; the last one may be the start of a word. */
  function matching(query, index) {
    var typed = words(query).map(fold).filter(function (w) { return index.stopSet[w] !== true; });
    if (!typed.length) { return { docs: {}, terms: [] }; }
    var partial = !/\s$/.test(query);
    var joined = joinedForms(query);
    var matched = null, seen = [];
    typed.forEach(function (word, i) {
      var terms = {};
      var term = termOf(word, index);
      if (term) { terms[term] = true; }
      var whole = Object.prototype.hasOwnProperty.call(joined, word) ? termOf(joined[word], index) : null;
      if (whole) { terms[whole] = true; }
      if (partial && i === typed.length - 1 && word.length >= 2) {
        index.keys.forEach(function (key) { if (key.lastIndexOf(word, 0) === 0) { terms[index.vocab[key]] = true; } });
      }
      var docs = {};
      Object.keys(terms).forEach(function (t) {
        seen.push(t);
        (index.postings[t] || []).forEach(function (d) { docs[d] = true; });
      });
      matched = matched === null ? docs : keep(matched, docs);
    });
    return { docs: matched, terms: seen };
  }

  /* The other names of a tag the query names, as `garefil search` widens it (core/search.py
     _with_synonyms): « pôle emploi » also finds « France Travail »; short aliases (« pe ») are
     not looked for in the notes, only understood. */
  function otherNames(query, index) {
    var slug = fold(query).split(/[^0-9a-z]+/).filter(Boolean).join(" ");
    for (var i = 0; i < index.synonyms.length; i++) {
      var names = index.synonyms[i];
      if (names.indexOf(slug) >= 0) {
        return names.filter(function (n) { return n !== slug && n.length >= 4; });
      }
    }
    return [];
  }

  /* The notes matching the query or a synonym of the tag it names, newest first. */
  function search(query, index) {
    var found = matching(query, index);
    otherNames(query, index).forEach(function (name) {
      var other = matching(name + " ", index);
      Object.keys(other.docs).forEach(function (d) { found.docs[d] = true; });
      found.terms = found.terms.concat(other.terms);
    });
    var docs = Object.keys(found.docs).map(Number);
    docs.sort(function (a, b) { return index.docs[b][2].localeCompare(index.docs[a][2]) || a - b; });
    return { docs: docs.slice(0, MAX_RESULTS), terms: found.terms, index: index };
  }

  function keep(a, b) {
    var both = {};
    Object.keys(a).forEach(function (k) { if (b[k]) { both[k] = true; } });
    return both;
  }

  function snippet(text, terms, index) {
    var wanted = {};
    terms.forEach(function (t) { wanted[t] = true; });
    var fragment = document.createDocumentFragment();
    var re = new RegExp(WORD.source, "gu"), m, start = 0, first = -1;
    var marks = [];
    while ((m = re.exec(text)) !== null) {
      var term = index.vocab[fold(m[0])];
      if (term && wanted[term]) { marks.push([m.index, m.index + m[0].length]); if (first < 0) { first = m.index; } }
    }
    var from = Math.max(0, first - 60), to = Math.min(text.length, from + 220);
    start = from;
    if (from > 0) { fragment.appendChild(document.createTextNode("…")); }
    marks.filter(function (s) { return s[0] >= from && s[1] <= to; }).forEach(function (s) {
      fragment.appendChild(document.createTextNode(text.slice(start, s[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(s[0], s[1]);
      fragment.appendChild(mark);
      start = s[1];
    });
    fragment.appendChild(document.createTextNode(text.slice(start, to) + (to < text.length ? "…" : "")));
    return fragment;
  }

  function show(query, index, box, root) {
    box.textContent = "";
    if (!query.trim()) { box.hidden = true; return; }
    var found = search(query, index);
    box.hidden = false;
    if (!found.docs.length) {
      var none = document.createElement("p");
      none.textContent = box.getAttribute("data-vide");
      box.appendChild(none);
      return;
    }
    var list = document.createElement("ol");
    found.docs.forEach(function (number) {
      var doc = index.docs[number];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + doc[0];
      link.textContent = doc[1];
      item.appendChild(link);
      var when = document.createElement("span");
      when.className = "detail";
      when.textContent = " " + [doc[2], doc[3]].filter(Boolean).join(" · ");
      item.appendChild(when);
      var text = document.createElement("span");
      text.className = "extrait";
      text.appendChild(snippet(doc[4], found.terms, index));
      item.appendChild(text);
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  /* The shards joined into one index: their notes numbered one after the other. */
  function prepared(head, parts) {
    var index = { docs: [], vocab: {}, light: {}, postings: {}, stopSet: {}, synonyms: head.syn || [] };
    head.stop.forEach(function (w) { index.stopSet[w] = true; });
    Object.keys(parts).forEach(function (name) {
      var part = parts[name], offset = index.docs.length;
      part.docs.forEach(function (doc) { index.docs.push(doc); });
      Object.keys(part.vocab).forEach(function (word) { index.vocab[word] = part.vocab[word]; });
      Object.keys(part.light || {}).forEach(function (form) { index.light[form] = part.light[form]; });
      Object.keys(part.postings).forEach(function (term) {
        var all = index.postings[term] || (index.postings[term] = []);
        part.postings[term].forEach(function (d) { all.push(d + offset); });
      });
    });
    index.keys = Object.keys(index.vocab);
    return index;
  }

  function script(src, then) {
    var element = document.createElement("script");
    element.src = src;
    element.onload = then;
    element.onerror = then;  /* a shard missing: search the others */
    document.head.appendChild(element);
  }

  /* The head (stop words, list of shards), then every shard; `then` once all are there. */
  var loaded = null, waiting = [];
  function load(root, then) {
    if (loaded) { then(loaded); return; }
    waiting.push(then);
    if (waiting.length > 1) { return; }
    script(root + "assets/index-recherche.js", function () {
      var head = window.GAREFIL_RECHERCHE || { stop: [], parts: [] };
      var left = head.parts.length;
      function done() {
        loaded = prepared(head, window.GAREFIL_PARTIES || {});
        waiting.splice(0).forEach(function (f) { f(loaded); });
      }
      if (!left) { done(); return; }
      head.parts.forEach(function (part) {
        script(root + part, function () { left -= 1; if (!left) { done(); } });
      });
    });
  }

  window.garefilFold = fold;
  window.garefilLight = light;
  /* The search itself, on the index its scripts set (window.GAREFIL_RECHERCHE, _PARTIES). */
  window.garefilSearch = function (query) {
    var head = window.GAREFIL_RECHERCHE || { stop: [], parts: [] };
    var found = search(query, prepared(head, window.GAREFIL_PARTIES || {}));
    return found.docs.map(function (n) { return found.index.docs[n][0]; });
  };
  window.garefilTermOf = function (word) { return loaded ? termOf(word, loaded) : null; };

  document.addEventListener("DOMContentLoaded", function () {
    var input = document.getElementById("recherche");
    var box = document.getElementById("resultats");
    var form = input && input.form;
    if (!input || !box) { return; }
    var root = document.body.getAttribute("data-racine") || "";
    if (form) { form.addEventListener("submit", function (e) { e.preventDefault(); }); }
    input.addEventListener("input", function () {
      load(root, function (index) { show(input.value, index, box, root); });
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { input.value = ""; box.hidden = true; box.textContent = ""; }
    });
  });
}());
