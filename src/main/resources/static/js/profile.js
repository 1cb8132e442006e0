// The profile page offers the browser's time zone when it differs from the one chosen: one click puts it in the
// select, and only Save stores it.
(function () {
  "use strict";
  const select = document.getElementById("profile-zone");
  const offer = document.getElementById("profile-browser-zone");
  const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!select || !offer || !browser || select.value === browser) { return; }
  if (!Array.from(select.options).some(o => o.value === browser)) { return; }
  offer.querySelector("strong").textContent = browser;
  offer.hidden = false;
  document.getElementById("profile-use-browser").addEventListener("click", () => {
    select.value = browser;
    offer.hidden = true;
    select.focus();
  });
})();
