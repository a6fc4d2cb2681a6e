// app.js - the only script of the sitrep pages: the date slider loads the page of the chosen
// date in place (the form works without it). Nothing is fetched from outside this server.
// source: written by the sitrep maintainers. licence: MIT (as sitrep). version: 2026.1
"use strict";
(function () {
  const form = document.getElementById("when-form");
  const slider = document.getElementById("when-slider");
  if (!form || !slider) return;
  const day = document.getElementById("as_of");
  const label = document.getElementById("when-label");
  const stops = (slider.dataset.stops || "").split(",").filter(Boolean);
  let pending = null;

  function show(i) {
    const value = stops[i];
    if (!value) return;
    day.value = value;
    label.textContent = value;
    slider.setAttribute("aria-valuetext", value);
  }

  async function load(url) {
    const main = document.querySelector("main");
    const ticket = {};
    pending = ticket;
    main.classList.add("loading");
    try {
      const answer = await fetch(url, {headers: {"Accept": "text/html"}, credentials: "same-origin"});
      const text = await answer.text();
      if (pending !== ticket) return;  // a later move of the slider won
      const next = new DOMParser().parseFromString(text, "text/html").querySelector("main");
      if (!next) { window.location.assign(url); return; }
      main.replaceWith(next);
      document.title = next.dataset.title || document.title;
      window.history.replaceState(null, "", url);
      document.querySelectorAll("header.site nav a").forEach(function (a) {
        const href = new URL(a.href, window.location.href);
        if (href.origin === window.location.origin && href.searchParams.has("as_of")) {
          href.searchParams.set("as_of", day.value);
          a.href = href.pathname + href.search;
        }
      });
    } catch (err) {
      window.location.assign(url);
    } finally {
      if (pending === ticket) {
        const current = document.querySelector("main");
        if (current) current.classList.remove("loading");
        pending = null;
      }
    }
  }

  function go() {
    const params = new URLSearchParams(new FormData(form));
    load(form.getAttribute("action") + "?" + params.toString());
  }

  slider.addEventListener("input", function () { show(Number(slider.value)); });
  slider.addEventListener("change", function () { show(Number(slider.value)); go(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); go(); });
})();
