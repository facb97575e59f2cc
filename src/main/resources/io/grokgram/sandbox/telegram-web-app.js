"use strict";
// The sandbox's stand-in for Telegram's telegram-web-app.js: the same window.Telegram.WebApp surface a Mini App uses,
// read from where Telegram puts it, the URL fragment (#tgWebAppData=…&tgWebAppThemeParams=…). The initData in it is
// signed by whoever opened the page (the emulator, or a test); this script signs nothing and checks nothing.
(function () {
  const hash = new URLSearchParams(location.hash.replace(/^#/, ""));
  const initData = hash.get("tgWebAppData") || "";
  let themeParams = {};
  try { themeParams = JSON.parse(hash.get("tgWebAppThemeParams") || "{}"); } catch (e) { themeParams = {}; }
  const unsafe = {};
  new URLSearchParams(initData).forEach(function (value, key) {
    try { unsafe[key] = (key === "user" || key === "receiver" || key === "chat") ? JSON.parse(value) : value; }
    catch (e) { unsafe[key] = value; }
  });
  const root = document.documentElement.style;
  Object.keys(themeParams).forEach(function (key) {
    root.setProperty("--tg-theme-" + key.replace(/_/g, "-"), themeParams[key]);
  });
  function noop() {}
  const button = { setText: noop, show: noop, hide: noop, onClick: noop, offClick: noop, enable: noop, disable: noop };
  window.Telegram = {
    WebApp: {
      initData: initData,
      initDataUnsafe: unsafe,
      themeParams: themeParams,
      colorScheme: hash.get("tgWebAppColorScheme") || "light",
      platform: "sandbox",
      version: "9.0",
      isExpanded: true,
      ready: noop,
      expand: noop,
      close: function () { window.close(); },
      onEvent: noop,
      offEvent: noop,
      MainButton: button,
      BackButton: button,
      showAlert: function (message, callback) { window.alert(message); if (callback) { callback(); } },
      showConfirm: function (message, callback) { const ok = window.confirm(message); if (callback) { callback(ok); } },
    },
  };
})();
