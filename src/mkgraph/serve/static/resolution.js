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

  // The details sit beside the text (wide screens) or in a sheet at the bottom (phones);
  // on a phone the shown statement is scrolled clear of the sheet and of the toolbar.
  const bar = document.getElementById("toolbar");
  const setBar = () => document.documentElement.style.setProperty("--bar", bar.offsetHeight + "px");
  setBar(); addEventListener("resize", setBar);

  function field(dl, name, value) {
    const dt = document.createElement("dt"); dt.textContent = name;
    const dd = document.createElement("dd"); dd.textContent = value || "–";
    dl.append(dt, dd);
  }

  function show(i, mark) {
    const li = items[i];
    detail.hidden = false;
    detail.innerHTML = "";
    const x = document.createElement("button"); x.className = "close"; x.type = "button"; x.textContent = "×";
    x.setAttribute("aria-label", "schließen");
    x.addEventListener("click", () => { detail.hidden = true; marks.forEach(m => m.classList.remove("sel")); });
    const h = document.createElement("a"); h.href = li.dataset.href; h.textContent = li.dataset.kindLabel;
    const dl = document.createElement("dl");
    field(dl, "Sprecher:", li.dataset.speaker);
    field(dl, "Adressaten:", li.dataset.addressees.split("|").filter(Boolean).join(", "));
    field(dl, "Handlungsfeld:", li.dataset.field);
    detail.append(x, h, dl);
    marks.forEach(m => m.classList.toggle("sel", m.dataset.s.split(" ").includes(String(i))));
    if (mark && getComputedStyle(detail).position === "fixed") {
      const r = mark.getBoundingClientRect(), sheet = detail.getBoundingClientRect().top, top = bar.getBoundingClientRect().bottom;
      if (r.bottom > sheet - 8) scrollBy(0, Math.min(r.bottom - sheet + 8, r.top - top - 8));
    }
  }

  marks.forEach(m => {
    const handler = () => { const ids = m.dataset.s.split(" ").filter(i => !items[+i].classList.contains("off")); if (ids.length) show(+ids[ids.length - 1], m); };
    m.addEventListener("click", handler);
    m.addEventListener("mouseenter", handler);
    const li = items[+m.dataset.s.split(" ").slice(-1)[0]];
    m.title = li.dataset.kindLabel + " – " + li.dataset.speaker + (li.dataset.addressees ? " → " + li.dataset.addressees.split("|").join(", ") : "") + (li.dataset.field ? " · " + li.dataset.field : "");
  });
  if (getComputedStyle(detail).position !== "fixed") {  // beside the text: say what it is for
    detail.hidden = false;
    detail.innerHTML = '<p class="hint">Eine Markierung zeigen oder anklicken: Sprecher, Adressaten und Handlungsfeld der Aussage erscheinen hier.</p>';
  }
  Object.values(sel).forEach(s => s.addEventListener("change", apply));
  const init = new URLSearchParams(location.search);
  Object.entries(sel).forEach(([k, s]) => { if (init.get(k)) s.value = init.get(k); });
  apply();
})();
