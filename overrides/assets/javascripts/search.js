/*
 * The hub's search: Pagefind's JS API (from /pagefind/ on this site) behind the hub's own
 * accessible forms. Every form marked data-hub-search gets a results list, a live region
 * that says how many results there are, and filter choices (theme, audience, agency, type,
 * review type, year) that work with or without search words.
 *   data-hub-search="header"  the header's field on every page (a panel under it)
 *   data-hub-search="inline"  a field in a page (home)
 *   data-hub-search="page"    "Find learning": filters open, the choices kept in the URL
 * Pagefind is loaded on first use, so a page that is only read costs nothing. Forms in the
 * content are bound again after each instant-navigation page change (document$).
 */
(function () {
  "use strict";

  var SITE_ROOT = new URL("../../", document.currentScript.src);
  var FILTERS = [
    ["theme", "Theme"],
    ["audience", "Your role"],
    ["agency", "Agency"],
    ["type", "Type"],
    ["review type", "Review type"],
    ["year", "Year"],
  ];
  var ORDER = {
    type: ["Briefing", "Case review", "Report", "Page"],
    "review type": [
      "Rapid review", "LCSPR", "Learning review", "Multi-agency audit",
      "Good practice review", "SAR", "DHR",
    ],
  };
  var MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
  ];
  var PAGE_SIZE = { header: 6, inline: 8, page: 20 };
  var pagefind = null;
  var loads = 0;
  var counter = 0;

  function attempt(retry) {
    var url = new URL("pagefind/pagefind.js", SITE_ROOT);
    if (retry) url.search = "?retry=" + retry;  // a failed module load may be remembered
    return import(url.href).then(function (pf) {
      // Less weight on page length than Pagefind's default (0.75): a short free page that
      // mentions a word once does not outrank the briefing about it.
      var options = { baseUrl: SITE_ROOT.pathname, excerptLength: 24, ranking: { pageLength: 0.5 } };
      return pf.options(options).then(function () {
        return pf;
      });
    });
  }

  /* Pagefind, loaded once; a load that fails (a dropped connection on mobile data) is tried
   * again at once, and a load that fails twice is tried again on the next search. */
  function load() {
    if (!pagefind) {
      var tries = ++loads;
      pagefind = attempt(0).catch(function () { return attempt(tries); });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      node.setAttribute(key, attrs[key]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function longDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? Number(m[3]) + " " + MONTHS[Number(m[2]) - 1] + " " + m[1] : "";
  }

  function sortedValues(name, counts) {
    var values = Object.keys(counts);
    var order = ORDER[name];
    if (order) {
      return values.sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
    }
    if (name === "year") return values.sort().reverse();
    return values.sort(function (a, b) { return a.localeCompare(b); });
  }

  /* Pagefind's excerpt as text with its <mark>s, nothing else (parsed inert, then copied). */
  function excerptNodes(excerpt) {
    var template = document.createElement("template");
    template.innerHTML = excerpt || "";
    var out = document.createDocumentFragment();
    template.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") out.appendChild(el("mark", {}, node.textContent));
      else out.appendChild(document.createTextNode(node.textContent));
    });
    return out;
  }

  function Search(form) {
    this.form = form;
    this.mode = form.getAttribute("data-hub-search") || "inline";
    this.input = form.querySelector("input[type=search]");
    this.wrapper = form.closest(".hub-search") || form;
    this.shown = PAGE_SIZE[this.mode] || 8;
    this.build();
    this.bind();
  }

  Search.prototype.build = function () {
    var id = "hub-search-" + ++counter;
    this.output = el("div", {
      class: "hub-search__output hub-search__output--" + this.mode, id: id + "-output",
    });
    this.filtersBox = el("details", { class: "hub-search__filters" });
    if (this.mode === "page") this.filtersBox.open = true;
    this.filtersBox.appendChild(
      el("summary", {}, "Filter by theme, role, agency, type or year"));
    this.filtersBody = el("div", { class: "hub-search__filter-groups" });
    this.filtersBox.appendChild(this.filtersBody);
    this.status = el("p", { class: "hub-search__status", role: "status" });
    this.list = el("ol", { class: "hub-search__results", "aria-label": "Search results" });
    this.more = el("button", { type: "button", class: "md-button hub-search__more", hidden: "" },
      "Show more results");
    this.output.append(this.filtersBox, this.status, this.list, this.more);
    if (this.mode === "header") {
      this.all = el("a", { class: "hub-search__all", href: new URL("find/", SITE_ROOT).href },
        "Open Find learning: every result and filter");
      this.output.appendChild(this.all);
    }
    this.form.after(this.output);
    this.input.setAttribute("aria-controls", this.output.id);
  };

  Search.prototype.bind = function () {
    var self = this;
    var timer = null;
    this.form.setAttribute("data-hub-bound", "");
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.run(true); }, 250);
    });
    this.input.addEventListener("focus", function () {
      if (!self.quiet) self.open();
      self.quiet = false;
    });
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      self.open();
      self.run(true);
    });
    // The filter choices (and their index chunks) are fetched only when asked for.
    this.filtersBox.addEventListener("toggle", function () {
      if (self.filtersBox.open) self.ensureFilters();
    });
    this.filtersBody.addEventListener("change", function () { self.run(true); });
    this.more.addEventListener("click", function () {
      self.shown += PAGE_SIZE[self.mode] || 8;
      self.run(false);
    });
    if (this.mode === "header") this.bindPanel();
    if (this.mode === "page") {
      var params = new URLSearchParams(location.search);
      this.input.value = params.get("q") || "";
      this.pending = params;
      this.ensureFilters().then(function () { self.run(true); });
    }
  };

  /* The header's panel: opens under the field, closes on Escape, outside clicks, new pages. */
  Search.prototype.bindPanel = function () {
    var self = this;
    var toggle = this.wrapper.querySelector(".hub-search__toggle");
    if (toggle) {
      toggle.addEventListener("click", function () {
        if (self.wrapper.classList.contains("hub-search--open")) {
          self.close();
          toggle.focus();
        } else {
          self.open();
          self.input.focus();
        }
      });
    }
    this.wrapper.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        self.close();
        self.quiet = true;  // back in the field, the panel stays closed until typing
        (toggle && toggle.offsetParent ? toggle : self.input).focus();
        self.quiet = false;
      }
    });
    document.addEventListener("click", function (event) {
      if (!self.wrapper.contains(event.target)) self.close();
    });
  };

  Search.prototype.open = function () {
    this.output.classList.add("hub-search__output--open");
    this.wrapper.classList.add("hub-search--open");
    var toggle = this.wrapper.querySelector(".hub-search__toggle");
    if (toggle) toggle.setAttribute("aria-expanded", "true");
  };

  Search.prototype.close = function () {
    if (this.mode !== "header") return;
    this.wrapper.classList.remove("hub-search--open");
    var toggle = this.wrapper.querySelector(".hub-search__toggle");
    if (toggle) toggle.setAttribute("aria-expanded", "false");
  };

  Search.prototype.ensureFilters = function () {
    var self = this;
    if (!this.filtersReady) {
      this.filtersReady = load().then(function (pf) { return pf.filters(); }).then(
        function (all) { self.renderFilters(all); },
        function () {
          self.filtersReady = null;  // tried again with the next search
          self.say("Search is not available right now.");
        });
    }
    return this.filtersReady;
  };

  /* Theme and role first (what a practitioner starts from); the rest under "More filters". */
  Search.prototype.renderFilters = function (all) {
    var self = this;
    var pending = this.pending;
    var more = el("details", { class: "hub-search__filters hub-search__filters--more" });
    more.appendChild(el("summary", {}, "More filters: agency, type, review type, year"));
    FILTERS.forEach(function (pair, index) {
      var name = pair[0];
      var counts = all[name];
      if (!counts || !Object.keys(counts).length) return;
      var wanted = pending ? pending.getAll(name) : [];
      var fieldset = el("fieldset", { class: "hub-search__group" });
      fieldset.appendChild(el("legend", {}, pair[1]));
      sortedValues(name, counts).forEach(function (value) {
        var label = el("label", { class: "hub-search__choice" });
        var box = el("input", { type: "checkbox", name: name, value: value });
        if (wanted.indexOf(value) >= 0) {
          box.checked = true;
          more.open = more.open || index > 1;
        }
        // How many items carry the value (all of them, whatever else is ticked).
        var count = el("span", { class: "hub-search__count" }, "(" + counts[value] + ")");
        label.append(box, value + " ", count);
        fieldset.appendChild(label);
      });
      (index > 1 ? more : self.filtersBody).appendChild(fieldset);
    });
    if (more.children.length > 1) this.filtersBody.appendChild(more);
    this.pending = null;
  };

  Search.prototype.chosen = function () {
    var filters = {};
    var any = false;
    this.filtersBody.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      (filters[box.name] = filters[box.name] || { any: [] }).any.push(box.value);
      any = true;
    });
    return any ? filters : null;
  };

  Search.prototype.say = function (words) {
    if (this.status.textContent !== words) this.status.textContent = words;
  };

  Search.prototype.remember = function (query, filters) {
    if (this.mode !== "page") return;
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    Object.keys(filters || {}).forEach(function (name) {
      filters[name].any.forEach(function (value) { params.append(name, value); });
    });
    var search = params.toString();
    history.replaceState(history.state, "", location.pathname + (search ? "?" + search : ""));
  };

  Search.prototype.run = function (fresh) {
    var self = this;
    var query = this.input.value.trim();
    var filters = this.chosen();
    var ticket = (this.ticket = (this.ticket || 0) + 1);
    if (fresh) this.shown = PAGE_SIZE[this.mode] || 8;
    this.remember(query, filters);
    if (!query && !filters) {
      this.list.replaceChildren();
      this.more.hidden = true;
      this.output.classList.remove("hub-search__output--results");
      this.say(this.mode === "page" ? "Type a word or tick a theme and your role." : "");
      return Promise.resolve();
    }
    this.open();
    return load().then(function (pf) {
      var options = { filters: filters || {} };
      if (!query) options.sort = { date: "desc" };
      return pf.search(query || null, options);
    }).then(function (search) {
      if (ticket !== self.ticket) return null;
      var slice = search.results.slice(0, self.shown);
      return Promise.all(slice.map(function (r) { return r.data(); })).then(function (data) {
        if (ticket !== self.ticket) return;
        self.render(data, search, query);
      });
    }).catch(function () {
      if (ticket === self.ticket) self.say("Search is not available right now.");
    });
  };

  Search.prototype.render = function (data, search, query) {
    var self = this;
    var items = data.map(function (result) { return self.item(result); });
    this.list.replaceChildren.apply(this.list, items);
    this.output.classList.add("hub-search__output--results");
    var total = search.results.length;
    this.more.hidden = total <= data.length;
    var words = total === 1 ? "1 result" : total + " results";
    if (query) words += " for \u201c" + query + "\u201d";
    if (total > data.length) words += ", " + data.length + " shown";
    this.say(words + ".");
    Object.keys(this.counts || {}).forEach(function (key) {
      var parts = key.split("\u0000");
      var counts = (search.filters || {})[parts[0]] || {};
      self.counts[key].textContent = "(" + (counts[parts[1]] || 0) + ")";
    });
  };

  Search.prototype.item = function (result) {
    var meta = result.meta || {};
    var li = el("li", { class: "hub-result" });
    var link = el("a", { class: "hub-result__title", href: result.url }, meta.title || result.url);
    var facts = [meta.type || "Page"];
    var reviewType = (result.filters || {})["review type"];
    if (reviewType && reviewType.length) facts.push(reviewType[0]);
    if (meta.date) facts.push(longDate(meta.date));
    var about = el("p", { class: "hub-result__meta" }, facts.join(" \u00b7 "));
    var summary = el("p", { class: "hub-result__summary" });
    if (meta.summary) summary.textContent = meta.summary;
    else summary.appendChild(excerptNodes(result.excerpt));
    li.append(link, about, summary);
    return li;
  };

  function bindAll() {
    document.querySelectorAll("form[data-hub-search]:not([data-hub-bound])").forEach(
      function (form) { new Search(form); });
    document.querySelectorAll(".hub-search--open").forEach(function (wrapper) {
      if (wrapper.closest(".md-header")) {
        wrapper.classList.remove("hub-search--open");
        var toggle = wrapper.querySelector(".hub-search__toggle");
        if (toggle) toggle.setAttribute("aria-expanded", "false");
      }
    });
  }

  if (typeof document$ !== "undefined") document$.subscribe(bindAll);
  else bindAll();
})();
