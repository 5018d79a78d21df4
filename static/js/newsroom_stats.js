// The 통계 page refreshes its figures every 30 seconds: it fetches the same address and puts
// the new page's sections in place of the old ones, leaving the filter form (and what is being
// typed into it) and any opened table as they are. Without this script the page is complete
// and a reload updates it.
"use strict";
(function () {
  const blocks = () => document.querySelectorAll(".nr-stats-block");
  if (blocks().length === 0) return;
  const refresh = async () => {
    if (document.hidden) return;
    try {
      const response = await fetch(location.href, { credentials: "same-origin" });
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.querySelectorAll(".nr-stats-block");
      const old = blocks();
      if (fresh.length !== old.length) return;
      old.forEach((block, i) => {
        const open = Array.from(block.querySelectorAll("details")).map((d) => d.open);
        block.replaceWith(fresh[i]);
        fresh[i].querySelectorAll("details").forEach((d, j) => { d.open = open[j] === true; });
      });
    } catch (error) {
      // Offline or signed out: keep the figures shown; the next turn tries again.
    }
  };
  setInterval(refresh, 30000);
})();
