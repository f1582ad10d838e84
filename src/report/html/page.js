(function () {
  "use strict";
  var pinned = false;
  var claims = document.querySelectorAll("article.claim");
  var hint = document.querySelector("#panel .hint");

  function open(indexes, pin) {
    if (pinned && !pin) { return; }
    pinned = pin;
    var wanted = {};
    indexes.forEach(function (i) { wanted["c" + i] = true; });
    claims.forEach(function (a) { a.classList.toggle("open", !!wanted[a.id]); });
    if (hint) { hint.hidden = indexes.length > 0; }
    document.querySelectorAll("mark.m.current").forEach(function (m) { m.classList.remove("current"); });
    document.querySelectorAll("mark.m").forEach(function (m) {
      if (m.getAttribute("data-c").split(" ").some(function (i) { return wanted["c" + i]; })) {
        m.classList.add("current");
      }
    });
  }

  function indexesOf(el) {
    return el.getAttribute("data-c").split(" ");
  }

  document.querySelectorAll("mark.m, button.open").forEach(function (el) {
    el.addEventListener("mouseenter", function () { open(indexesOf(el), false); });
    el.addEventListener("click", function () { open(indexesOf(el), true); });
    el.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(indexesOf(el), true); }
    });
  });

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { pinned = false; open([], false); }
  });

  document.querySelectorAll(".filter input").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-verdict"), !box.checked);
    });
  });

  /* #claim=ID (or #c3) opens that claim and scrolls its mark into view. */
  function fromHash() {
    var hash = decodeURIComponent(location.hash.slice(1));
    var article = null;
    if (hash.indexOf("claim=") === 0) {
      var id = hash.slice(6);
      claims.forEach(function (a) { if (!article && a.getAttribute("data-id") === id) { article = a; } });
    } else if (/^c[0-9]+$/.test(hash)) {
      article = document.getElementById(hash);
    }
    if (!article) { return; }
    var index = article.id.slice(1);
    open([index], true);
    var mark = document.querySelector("mark.m.current");
    if (mark) { mark.scrollIntoView({ block: "center" }); }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
