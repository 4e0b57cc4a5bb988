// Country branches: a page keeps every country's section, each labelled with the
// countries it is for (data-hoc-countries, "*" for every country the chain does not
// name). The build shows the branch for its own country; this script shows the reader's.
// The reader's country comes from the old country URL (/ca/... leads here with
// ?country=ca), then from what the reader chose before (localStorage), then from a
// hoc_country cookie a host may set from its geo header. The picker changes it.
(function () {
  "use strict";
  var KEY = "hoc-country";
  var CODE = /^[a-z]{2,3}$/;

  function valid(code) {
    return typeof code === "string" && CODE.test(code) ? code : null;
  }

  function remembered() {
    try {
      return valid(window.localStorage.getItem(KEY));
    } catch (error) {
      return null;
    }
  }

  function remember(code) {
    try {
      window.localStorage.setItem(KEY, code);
    } catch (error) {
      // Storage refused (private mode): the choice lasts for this page only.
    }
  }

  function fromUrl() {
    var match = /[?&]country=([^&#]*)/.exec(window.location.search);
    return match ? valid(decodeURIComponent(match[1]).toLowerCase()) : null;
  }

  function fromCookie() {
    var match = /(?:^|;\s*)hoc_country=([A-Za-z]{2,3})(?:;|$)/.exec(document.cookie);
    return match ? valid(match[1].toLowerCase()) : null;
  }

  function countriesOf(element) {
    return (element.getAttribute("data-hoc-countries") || "").split(" ");
  }

  function show(country) {
    var chains = {};
    document.querySelectorAll("[data-hoc-chain]").forEach(function (branch) {
      var chain = branch.getAttribute("data-hoc-chain");
      (chains[chain] = chains[chain] || []).push(branch);
    });
    Object.keys(chains).forEach(function (chain) {
      var branches = chains[chain];
      var named = (branches[0].getAttribute("data-hoc-named") || "").split(" ");
      var wanted = named.indexOf(country) !== -1 ? country : "*";
      branches.forEach(function (branch) {
        branch.hidden = countriesOf(branch).indexOf(wanted) === -1;
      });
    });
    document.documentElement.setAttribute("data-hoc-country", country);
    document.querySelectorAll("select.hoc-country-select").forEach(function (select) {
      if (select.querySelector('option[value="' + country + '"]')) {
        select.value = country;
      }
    });
  }

  function start() {
    var fromAddress = fromUrl();
    if (fromAddress) {
      remember(fromAddress);
    }
    var country = fromAddress || remembered() || fromCookie();
    document.querySelectorAll(".hoc-country-picker").forEach(function (picker) {
      picker.hidden = false;
      var select = picker.querySelector("select");
      select.addEventListener("change", function () {
        if (valid(select.value)) {
          remember(select.value);
          show(select.value);
        }
      });
    });
    if (country) {
      show(country);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
