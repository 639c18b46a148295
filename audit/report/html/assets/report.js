// The report's filters and links: show the findings of the chosen severities, check and
// document; hide a key's group, and a document, when nothing of it is shown.
"use strict";
(function () {
  var form = document.getElementById("filters");
  var all = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  function chosen() {
    var sevs = Array.prototype.slice.call(form.querySelectorAll("input.sev:checked")).map(function (e) { return e.value; });
    return {sevs: sevs, code: document.getElementById("code").value, doc: document.getElementById("doc").value};
  }
  function apply() {
    var c = chosen(), shown = 0;
    all.forEach(function (f) {
      var ok = c.sevs.indexOf(f.dataset.sev) >= 0 && (!c.code || f.dataset.code === c.code)
        && (!c.doc || f.dataset.docs.split(" ").indexOf(c.doc) >= 0);
      f.classList.toggle("hidden", !ok);
      if (ok) { shown += 1; }
    });
    document.querySelectorAll("section.group").forEach(function (g) {
      g.classList.toggle("hidden", !g.querySelector("article.finding:not(.hidden)"));
    });
    document.querySelectorAll("section.doc").forEach(function (d) {
      d.classList.toggle("hidden", !!c.doc && d.dataset.doc !== c.doc);
    });
    document.getElementById("shown").textContent = shown + " of " + all.length + " findings shown";
  }
  function light(id) {
    document.querySelectorAll(".lit").forEach(function (e) { e.classList.remove("lit"); });
    var el = document.getElementById(id);
    if (el) { el.classList.add("lit"); el.focus({preventScroll: true}); }
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a[href^='#']");
    if (a) { light(a.getAttribute("href").slice(1)); }
  });
  apply();
}());
