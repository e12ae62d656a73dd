// The header's search box suggests entities by name as you type, from this server's /search only.
(() => {
  const input = document.getElementById("site-search");
  const list = document.getElementById("site-search-hits");
  if (!input || !list) return;
  let timer = null, hrefs = {};
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (hrefs[q]) { window.location.href = hrefs[q]; return; }  // a suggestion was picked
    if (q.length < 2) return;
    timer = setTimeout(async () => {
      const reply = await fetch("/search?format=json&limit=10&q=" + encodeURIComponent(q));
      if (!reply.ok) return;
      const hits = await reply.json();
      list.replaceChildren(...hits.map((h) => {
        const option = document.createElement("option");
        option.value = h.label;
        if (h.kind) option.label = h.kind;
        hrefs[h.label] = h.href;
        return option;
      }));
    }, 150);
  });
})();
