// Suggestions under the search box while typing. Without this script the box is an ordinary
// search field and the form works the same; with it, the box follows the ARIA combobox pattern.
(function () {
  "use strict";
  var form = document.querySelector("form[data-suggest-url]");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[type=search]");
  var list = document.createElement("ul");
  var live = document.createElement("p");
  var items = [];
  var active = -1;
  var timer = null;
  var lastQuery = "";

  list.id = "search-suggestions";
  list.className = "search-suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Suggestions");
  list.hidden = true;
  live.className = "visually-hidden";
  live.setAttribute("role", "status");
  input.insertAdjacentElement("afterend", list);
  form.appendChild(live);
  // HTML allows the combobox role on a text input only, not on type="search" without a list.
  input.type = "text";
  input.setAttribute("inputmode", "search");
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    var options = list.children;
    for (var i = 0; i < options.length; i++) {
      options[i].setAttribute("aria-selected", i === index ? "true" : "false");
    }
    active = index;
    input.setAttribute("aria-activedescendant", options[index].id);
  }

  function show(suggestions) {
    items = suggestions;
    list.textContent = "";
    suggestions.forEach(function (item, index) {
      var option = document.createElement("li");
      var title = document.createElement("span");
      var type = document.createElement("span");
      option.id = "search-suggestion-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      title.textContent = item.title;
      type.className = "search-suggestions__type";
      type.textContent = item.type;
      option.appendChild(title);
      option.appendChild(type);
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        window.location.href = item.url;
      });
      list.appendChild(option);
    });
    if (suggestions.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      live.textContent = suggestions.length + " suggestions. Use the arrow keys to choose one.";
    } else {
      close();
      live.textContent = "";
    }
  }

  function fetchSuggestions() {
    var query = input.value.trim();
    if (query === lastQuery) return;
    lastQuery = query;
    if (query.length < 2) {
      show([]);
      return;
    }
    var url = form.getAttribute("data-suggest-url") + "?suggest=1&q=" + encodeURIComponent(query);
    // An answer that arrives after the box lost focus, or after newer typing, is dropped.
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .catch(function () { return {}; })
      .then(function (data) {
        if (document.activeElement === input && input.value.trim() === query) show(data.suggestions || []);
      });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden) return;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      highlight((active + 1) % items.length);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      highlight(active <= 0 ? items.length - 1 : active - 1);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.href = items[active].url;
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", function () {
    clearTimeout(timer);
    lastQuery = "";
    close();
  });
})();
