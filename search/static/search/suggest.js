// Title suggestions for the search box: fills its <datalist> as the visitor types.
// Progressive enhancement only: the form works the same without it.
(function () {
    "use strict";
    var input = document.querySelector("input[data-suggest-url]");
    if (!input || !window.fetch) { return; }
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var latest = "";
    input.addEventListener("input", function () {
        clearTimeout(timer);
        var text = input.value.trim();
        if (text.length < 2) { return; }
        timer = setTimeout(function () {
            latest = text;
            fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(text), {
                headers: { "Accept": "application/json" }
            }).then(function (response) {
                return response.ok ? response.json() : { suggestions: [] };
            }).then(function (data) {
                if (text !== latest) { return; }
                list.replaceChildren.apply(list, data.suggestions.map(function (item) {
                    var option = document.createElement("option");
                    option.value = item.title;  // text, never HTML
                    return option;
                }));
            }).catch(function () { /* suggestions are optional */ });
        }, 200);
    });
}());
