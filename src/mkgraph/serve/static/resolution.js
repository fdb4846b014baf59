// Filters the highlighted statements of a resolution page and shows a statement's details.
// Everything works without this script (all statements highlighted, listed below the text).
(function () {
  const items = Array.from(document.querySelectorAll("#statements li.statement"));
  const marks = Array.from(document.querySelectorAll("#text mark.hl"));
  const sel = { addressee: document.getElementById("f-addressee"), field: document.getElementById("f-field"), kind: document.getElementById("f-kind") };
  const count = document.getElementById("hl-count");
  const detail = document.getElementById("detail");

  function matches(li) {
    const a = sel.addressee.value, f = sel.field.value, k = sel.kind.value;
    if (a && !li.dataset.addressees.split("|").includes(a)) return false;
    if (f && li.dataset.field !== f) return false;
    if (k && li.dataset.kind !== k) return false;
    return true;
  }

  function apply() {
    const on = new Set();
    items.forEach(li => { const ok = matches(li); li.classList.toggle("off", !ok); if (ok) on.add(li.dataset.i); });
    marks.forEach(m => {
      const ids = m.dataset.s.split(" ").filter(i => on.has(i));
      m.classList.toggle("dim", ids.length === 0);
      if (ids.length) {  // colour by the innermost statement still shown
        m.className = m.className.replace(/\bk-\S+/g, "").trim() + " k-" + items[+ids[ids.length - 1]].dataset.kind;
      }
    });
    count.value = on.size; count.textContent = on.size;
    const q = new URLSearchParams();
    Object.entries(sel).forEach(([k, s]) => { if (s.value) q.set(k, s.value); });
    history.replaceState(null, "", q.toString() ? "?" + q : location.pathname);
  }

  function show(i) {
    const li = items[i];
    detail.hidden = false;
    detail.innerHTML = "";
    const h = document.createElement("a"); h.href = li.dataset.href; h.textContent = li.dataset.kindLabel;
    const p = document.createElement("div");
    p.textContent = "Sprecher: " + (li.dataset.speaker || "–") + " · Adressaten: " + (li.dataset.addressees.split("|").filter(Boolean).join(", ") || "–") + " · Handlungsfeld: " + (li.dataset.field || "–");
    detail.append(h, p);
    marks.forEach(m => m.classList.toggle("sel", m.dataset.s.split(" ").includes(String(i))));
  }

  marks.forEach(m => {
    const handler = () => { const ids = m.dataset.s.split(" ").filter(i => !items[+i].classList.contains("off")); if (ids.length) show(+ids[ids.length - 1]); };
    m.addEventListener("click", handler);
    m.addEventListener("mouseenter", handler);
    const li = items[+m.dataset.s.split(" ").slice(-1)[0]];
    m.title = li.dataset.kindLabel + " – " + li.dataset.speaker + (li.dataset.addressees ? " → " + li.dataset.addressees.split("|").join(", ") : "") + (li.dataset.field ? " · " + li.dataset.field : "");
  });
  Object.values(sel).forEach(s => s.addEventListener("change", apply));
  const init = new URLSearchParams(location.search);
  Object.entries(sel).forEach(([k, s]) => { if (init.get(k)) s.value = init.get(k); });
  apply();
})();
