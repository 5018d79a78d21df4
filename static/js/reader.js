// Article page reading comfort and sharing, without any framework or third-party script
// (the Kakao SDK loads only when the paper configured a Kakao app key). Everything here is
// an enhancement: without JavaScript the recommend form posts and redirects back, and the
// share links are plain URLs.
(function () {
  "use strict";
  var body = document.querySelector(".article-body");

  // 글자 크기 −/+: five steps, remembered in localStorage for every article.
  var sizes = ["0.9em", "1em", "1.12em", "1.25em", "1.4em"];
  var key = "sinmun.fontStep";
  function readStep() {
    try {
      var step = parseInt(window.localStorage.getItem(key), 10);
      return isNaN(step) ? 1 : Math.max(0, Math.min(sizes.length - 1, step));
    } catch (e) {
      return 1;
    }
  }
  function applyStep(step) {
    if (body) body.style.fontSize = sizes[step];
    try { window.localStorage.setItem(key, String(step)); } catch (e) { /* private mode */ }
  }
  var fontControl = document.querySelector(".font-size");
  if (fontControl && body) {
    fontControl.hidden = false;
    applyStep(readStep());
    fontControl.addEventListener("click", function (event) {
      var button = event.target.closest("[data-font-step]");
      if (!button) return;
      var step = readStep() + parseInt(button.getAttribute("data-font-step"), 10);
      applyStep(Math.max(0, Math.min(sizes.length - 1, step)));
    });
  }

  // 추천: post in place and show the new count; the form still works without this.
  var recommend = document.getElementById("recommend");
  if (recommend && window.fetch) {
    recommend.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = recommend.querySelector("button");
      button.disabled = true;
      fetch(recommend.action, {
        method: "POST",
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (result) {
        if (!result) { button.disabled = false; return; }
        recommend.querySelector(".count").textContent = String(result.recommends);
        button.setAttribute("aria-pressed", "true");
      }).catch(function () { button.disabled = false; });
    });
  }

  // 링크 복사.
  var copy = document.querySelector(".copy-link");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(copy.getAttribute("data-url")).then(function () {
        copy.textContent = copy.getAttribute("data-done");
      });
    });
  }

  // KakaoTalk: the SDK when the paper has an app key; else the phone's share sheet (which
  // lists KakaoTalk) when there is one; else the plain link.
  var kakao = document.querySelector(".share-kakao");
  if (kakao) {
    var appKey = kakao.getAttribute("data-kakao-key");
    var url = kakao.getAttribute("data-url");
    if (appKey) {
      var sdk = document.createElement("script");
      // Pinned with its Subresource Integrity hash (site/site.hpp): a changed file is refused.
      sdk.src = kakao.getAttribute("data-kakao-sdk");
      sdk.integrity = kakao.getAttribute("data-kakao-integrity");
      sdk.crossOrigin = "anonymous";
      sdk.onload = function () {
        if (!window.Kakao.isInitialized()) window.Kakao.init(appKey);
      };
      document.head.appendChild(sdk);
    }
    kakao.addEventListener("click", function (event) {
      if (appKey && window.Kakao && window.Kakao.Share) {
        event.preventDefault();
        window.Kakao.Share.sendScrap({ requestUrl: url });
      } else if (navigator.share) {
        event.preventDefault();
        navigator.share({ title: document.title, url: url }).catch(function () {});
      }
    });
  }

  // 영상뉴스: the play link leads to the video's own page; here it swaps in the player, so
  // nothing is asked of the video's host before the reader chooses to play.
  var videoFrame = document.querySelector(".video-frame[data-player]");
  if (videoFrame) {
    var play = videoFrame.querySelector(".video-play");
    play.addEventListener("click", function (event) {
      event.preventDefault();
      var player = document.createElement("iframe");
      player.src = videoFrame.getAttribute("data-player");
      player.title = videoFrame.getAttribute("data-title");
      player.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      player.allowFullscreen = true;
      player.referrerPolicy = "strict-origin-when-cross-origin";
      videoFrame.replaceChildren(player);
      player.focus();
    });
  }

  // 포토뉴스 viewer: without JavaScript every photo is on the page, each with its anchor; here
  // the gallery shows one at a time, stepped by the buttons or the arrow keys anywhere in the
  // gallery, with the counter read out (aria-live) and focus left where the reader put it.
  var gallery = document.querySelector("[data-gallery]");
  var galleryItems = gallery ? gallery.querySelectorAll(".gallery-item") : [];
  if (galleryItems.length > 1) {
    var galleryControls = gallery.querySelector(".gallery-controls");
    var galleryCounter = gallery.querySelector(".gallery-counter");
    var galleryList = gallery.querySelector(".gallery-photos");
    var current = 0;
    var showPhoto = function (index) {
      current = (index + galleryItems.length) % galleryItems.length;
      for (var i = 0; i < galleryItems.length; i++) galleryItems[i].hidden = i !== current;
      galleryCounter.textContent = (current + 1) + " / " + galleryItems.length;
    };
    var startAt = 0;
    for (var i = 0; i < galleryItems.length; i++) {
      if ("#" + galleryItems[i].id === window.location.hash) startAt = i;
    }
    gallery.classList.add("gallery-viewer");
    showPhoto(startAt);
    galleryControls.addEventListener("click", function (event) {
      var button = event.target.closest("[data-gallery-step]");
      if (button) showPhoto(current + parseInt(button.getAttribute("data-gallery-step"), 10));
    });
    gallery.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
      if (event.target.closest("input, textarea, select")) return;
      event.preventDefault();
      showPhoto(current + (event.key === "ArrowRight" ? 1 : -1));
    });
    // The numbered links show their photo and move focus onto it, as the anchor would.
    gallery.querySelector(".gallery-index").addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#photo-']");
      if (!link) return;
      for (var j = 0; j < galleryItems.length; j++) {
        if ("#" + galleryItems[j].id === link.getAttribute("href")) {
          event.preventDefault();
          showPhoto(j);
          galleryList.focus();
        }
      }
    });
  }
}());
