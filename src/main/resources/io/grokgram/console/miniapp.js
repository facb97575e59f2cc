"use strict";
// The Mini App: every call carries Telegram's signed initData (Authorization: tma …); the server checks it and knows
// the user from it alone. Colours come from Telegram's themeParams.
(function () {
  const app = window.Telegram && window.Telegram.WebApp;
  const $ = function (id) { return document.getElementById(id); };
  if (!app) { $("error").hidden = false; $("error").textContent = "Open this from Telegram."; return; }
  app.ready();
  const theme = app.themeParams || {};
  Object.keys(theme).forEach(function (key) {
    document.documentElement.style.setProperty("--tg-theme-" + key.replace(/_/g, "-"), theme[key]);
  });

  function call(method, path) {
    return fetch(path, { method: method, headers: { "Authorization": "tma " + app.initData } })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) { throw new Error(body.error || ("HTTP " + response.status)); }
          return body;
        });
      });
  }

  function fail(e) { $("error").hidden = false; $("error").textContent = e.message; }

  let texts = {};

  // Every text comes from the server in the user's language (their /language choice, else Telegram's)
  function speak(me) {
    texts = me.texts || {};
    document.documentElement.lang = me.language;
    document.documentElement.dir = me.dir;
    document.querySelectorAll("[data-text]").forEach(function (element) {
      const text = texts[element.dataset.text];
      if (text) { put(element, text); }
    });
  }

  // Right-to-left texts arrive with commands (/privacy) between isolates (U+2068 … U+2069); each becomes a
  // left-to-right <bdi>, so the slash stays in front whatever the browser makes of the isolate characters.
  function put(element, text) {
    element.textContent = "";
    text.split(/\u2068([^\u2069]*)\u2069/).forEach(function (piece, i) {
      if (i % 2 === 0) { element.appendChild(document.createTextNode(piece)); return; }
      const run = document.createElement("bdi");
      run.dir = "ltr";
      run.textContent = piece;
      element.appendChild(run);
    });
  }

  function show(me) {
    speak(me);
    $("plan").textContent = me.planTitle;
    $("renewal").textContent = me.renewal;
    const used = me.usedToday, limit = me.turnsPerDay;
    $("usage").textContent = me.usage;
    $("usage-bar").style.width = (limit > 0 ? Math.min(100, Math.round(100 * used / limit)) : 100) + "%";
    $("service").checked = me.service;
    $("training").checked = me.training;
    document.body.dataset.loaded = "true";
  }

  $("training").addEventListener("change", function (e) {
    call("POST", "/app/api/training?allowed=" + e.target.checked).then(show).catch(fail);
  });
  $("export").addEventListener("click", function () {
    call("POST", "/app/api/export").then(function (r) { put($("result"), r.message); }).catch(fail);
  });
  $("erase").addEventListener("click", function () {
    app.showConfirm(texts["miniapp.erase.confirm"] || "Erase everything held about you? This cannot be undone.", function (sure) {
      if (sure) { call("POST", "/app/api/erase").then(function (r) { put($("result"), r.message); }).catch(fail); }
    });
  });
  call("GET", "/app/api/me").then(show).catch(fail);
})();
