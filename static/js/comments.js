// Reader comments in place (issue #16): posting, replying, 추천/비추천, 신고 and paging
// without leaving the page. Only an enhancement: every form posts and every link navigates
// without it, and the server's answer is the same comment page either way, whose comment area
// replaces this page's.
(function () {
  "use strict";
  if (!window.fetch || !window.DOMParser || !window.URLSearchParams) return;

  // The part of this page that a comment page's answer replaces: the whole comment area on a
  // comment page (sorts, block, pages), the comment block on the article page.
  function area() {
    return document.getElementById("comment-area") || document.getElementById("comments");
  }

  function swapIn(html, url, push) {
    var current = area();
    if (!current) return false;
    var page = new DOMParser().parseFromString(html, "text/html");
    var fresh = page.getElementById(current.id) || page.getElementById("comments");
    if (!fresh) return false;
    current.replaceWith(fresh);
    if (push && current.id === "comment-area") history.pushState(null, "", url);
    var hash = url.indexOf("#") >= 0 ? url.slice(url.indexOf("#") + 1) : "";
    var target = (hash && document.getElementById(hash)) || fresh;
    target.scrollIntoView({ block: "nearest" });
    return true;
  }

  function load(url, options, push, fallback) {
    fetch(url, options).then(function (response) {
      return response.text().then(function (html) {
        if (!swapIn(html, response.url || url, push)) fallback();
      });
    }).catch(fallback);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!area() || !area().contains(form) || form.method.toLowerCase() !== "post") return;
    event.preventDefault();
    var data = new URLSearchParams(new FormData(form));
    if (event.submitter && event.submitter.name) {
      data.append(event.submitter.name, event.submitter.value);
    }
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (button) { button.disabled = true; });
    load(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin"
    }, false, function () {
      buttons.forEach(function (button) { button.disabled = false; });
      form.submit();
    });
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".comment-sorts a, .pagination a");
    var here = document.getElementById("comment-area");
    if (!link || !here || !here.contains(link) || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    load(link.href, { credentials: "same-origin" }, true, function () {
      window.location.href = link.href;
    });
  });

  window.addEventListener("popstate", function () {
    if (document.getElementById("comment-area")) window.location.reload();
  });
})();
