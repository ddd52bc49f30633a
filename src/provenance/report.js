"use strict";
// The report's own script: filters the stories in the JSON block and shows one page of
// them at a time. Every text from the inputs goes into the page as a text node
// (textContent, createTextNode), never as markup.
(function () {
  const data = JSON.parse(document.getElementById("data").textContent);
  const stories = data.stories;
  const PAGE = 25;
  const MAX_ROWS = 100; // copies listed before "show all"
  const $ = (id) => document.getElementById(id);

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  const plural = (n, one, many) => n.toLocaleString("en") + " " + (n === 1 ? one : many);

  const index = stories.map((s) => ({
    title: (s.title + " " + s.id).toLowerCase(),
    files: s.occ.map((o) => o.path + " " + (o.url || "")).join("\n").toLowerCase(),
  }));

  let shown = stories.map((_, i) => i);
  let page = 0;
  let renders = 0;

  function filter() {
    const terms = $("q-title").value.toLowerCase().split(/\s+/).filter(Boolean);
    const file = $("q-file").value.trim().toLowerCase();
    const from = $("q-from").value.trim();
    const to = $("q-to").value.trim();
    const least = Number($("q-copies").value) || 1;
    shown = [];
    for (let i = 0; i < stories.length; i++) {
      const s = stories[i];
      if (s.occ.length < least) continue;
      if (terms.some((t) => !index[i].title.includes(t))) continue;
      if (file && !index[i].files.includes(file)) continue;
      if ((from || to) && !s.date) continue;
      if (from && s.date < from) continue; // a prefix such as 2025-12 works too
      if (to && s.date.slice(0, to.length) > to) continue;
      shown.push(i);
    }
    page = 0;
    render();
  }

  // Text with its trailing whitespace outside the highlight, so that marks hug the words.
  // Removed text is not in the copy, so neither are its line breaks: after it comes one
  // space where it had whitespace ("space"), or always ("gap": old and new text of a change).
  function mark(tag, cls, text, after) {
    const bare = text.replace(/\s+$/, "");
    const out = document.createDocumentFragment();
    out.append(el(tag, cls, bare));
    let rest = text.slice(bare.length);
    if (after === "gap" || (after === "space" && rest)) rest = " ";
    if (rest) out.append(document.createTextNode(rest));
    return out;
  }

  function segments(segs, cls) {
    const box = el("div", cls);
    for (const seg of segs) {
      if (seg[0] === "=") box.append(document.createTextNode(seg[1]));
      else if (seg[0] === "+") box.append(mark("ins", "added", seg[1], "keep"));
      else if (seg[0] === "-") box.append(mark("del", "removed", seg[1], "space"));
      else {
        const changed = el("span", "changed");
        changed.append(mark("del", null, seg[1], "gap"), mark("ins", null, seg[2], "keep"));
        box.append(changed);
      }
    }
    return box;
  }

  // A <details> whose content is built the first time it is opened.
  function lazy(cls, label, build, open) {
    const box = el("details", cls);
    box.append(el("summary", null, label));
    let built = false;
    const fill = () => {
      if (box.open && !built) {
        built = true;
        box.append(build());
      }
    };
    box.addEventListener("toggle", fill);
    if (open) {
      box.open = true;
      fill();
    }
    return box;
  }

  function changes(o) {
    if (o.diff === "canonical") return el("span", "note", "canonical");
    if (o.diff === "same") return el("span", null, "same text");
    if (o.diff === null) return el("span", "note", "text not kept");
    const cell = document.createDocumentFragment();
    cell.append(
      el("span", "counts-add", "+" + o.diff.add), " ",
      el("span", "counts-rem", "\u2212" + o.diff.rem), " ",
      el("span", "counts-chg", "~" + o.diff.chg));
    return cell;
  }

  function row(o) {
    const tr = el("tr");
    const where = el("td", "path");
    where.append(el("span", null, o.path));
    if (o.url) where.append(el("span", "url", o.url));
    const ev = el("span", "ev", o.ev);
    ev.title = data.evidence[o.ev] || "";
    const cells = [
      where,
      el("td", null, o.start + "\u2013" + o.end),
      el("td", null, o.lines[0] + "\u2013" + o.lines[1]),
      el("td", null, o.date || ""),
      el("td"),
      el("td", null, o.sim.toFixed(2)),
      el("td", null, o.tsim === null ? "" : o.tsim.toFixed(0)),
      el("td"),
    ];
    cells[4].append(ev);
    cells[7].append(changes(o));
    tr.append(...cells);
    return tr;
  }

  function occurrences(s, all) {
    const table = el("table", "occurrences");
    const head = el("tr");
    for (const h of ["File", "Characters", "Lines", "Date", "Evidence", "Body score",
      "Title score", "Differences"]) head.append(el("th", null, h));
    table.append(head);
    const rows = all ? s.occ : s.occ.slice(0, MAX_ROWS);
    for (const o of rows) table.append(row(o));
    if (rows.length === s.occ.length) return table;
    const box = el("div");
    const more = el("button", "more", "Show all " + plural(s.occ.length, "copy", "copies"));
    more.type = "button";
    more.addEventListener("click", () => box.replaceWith(occurrences(s, true)));
    box.append(table, more);
    return box;
  }

  function copyDiff(o) {
    const box = document.createDocumentFragment();
    if (o.tdiff) {
      const title = segments(o.tdiff, "diff-title");
      title.prepend("Title: ");
      box.append(title);
    }
    if (o.diff && o.diff.seg) {
      box.append(segments(o.diff.seg, "diff"));
      if (o.diff.cut) {
        box.append(el("p", "note", plural(o.diff.cut, "word", "words") +
          " past the limit shown without marks."));
      }
    } else {
      box.append(el("p", "note", o.diff === "same" ? "Same text as the canonical copy."
        : "This run did not keep the copy's text."));
    }
    return box;
  }

  function story(s) {
    const box = el("article", "story");
    box.id = "story-" + s.id;
    const head = el("h3");
    const copies = el("span", s.occ.length > 1 ? "copies" : "copies one",
      plural(s.occ.length, "copy", "copies") + " \u00b7 " + plural(s.files, "file", "files"));
    head.append(copies, el("span", "title", s.title || "(untitled)"));
    box.append(head);
    const first = s.occ[0];
    const where = s.occ.length > 1 ? "canonical copy in " + first.path
      : first.path + ", characters " + first.start + "\u2013" + first.end + ", lines " +
        first.lines[0] + "\u2013" + first.lines[1] + (first.url ? ", " + first.url : "");
    box.append(el("p", "meta", "story " + s.id + (s.date ? " \u00b7 " + s.date : "") +
      " \u00b7 " + where));
    if (s.occ.length > 1) box.append(occurrences(s, false));
    const words = (s.text.match(/\S+/g) || []).length;
    box.append(lazy("canonical", "Canonical text (" + plural(words, "word", "words") + ")",
      () => el("div", "text", s.text), false));
    let opened = false;
    for (const o of s.occ.slice(1, MAX_ROWS)) {
      const differs = (o.diff && o.diff.seg) || o.tdiff;
      if (!differs) continue;
      const label = "Differences in " + o.path + (o.diff && o.diff.seg ? " (+" + o.diff.add +
        " added, \u2212" + o.diff.rem + " removed, ~" + o.diff.chg + " changed words)" : "");
      box.append(lazy("copy", label, () => copyDiff(o), !opened));
      opened = true;
    }
    return box;
  }

  function render() {
    const pages = Math.max(1, Math.ceil(shown.length / PAGE));
    page = Math.min(Math.max(page, 0), pages - 1);
    const first = page * PAGE;
    const list = $("stories");
    list.textContent = "";
    const batch = document.createDocumentFragment();
    for (const i of shown.slice(first, first + PAGE)) batch.append(story(stories[i]));
    list.append(batch);
    let text = stories.length ? "No story matches." : "No stories in this run.";
    if (shown.length) {
      text = "Stories " + (first + 1).toLocaleString("en") + "\u2013" +
        Math.min(first + PAGE, shown.length).toLocaleString("en") + " of " +
        shown.length.toLocaleString("en") + " (page " + (page + 1) + " of " + pages + ")";
    }
    if (shown.length < stories.length) {
      text += ", filtered from " + stories.length.toLocaleString("en");
    }
    for (const id of ["status", "status2"]) $(id).textContent = text;
    for (const id of ["prev", "prev2"]) $(id).disabled = page === 0;
    for (const id of ["next", "next2"]) $(id).disabled = page >= pages - 1;
    renders += 1;
    document.body.dataset.renders = String(renders); // for tests: a new list is on screen
  }

  function turn(step, top) {
    page += step;
    render();
    if (top) $("browse").scrollIntoView();
  }

  let timer = 0;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(filter, 150);
  };
  $("filters").addEventListener("input", later);
  $("q-copies").addEventListener("change", later); // not every browser sends input for it
  $("filters").addEventListener("submit", (event) => event.preventDefault());
  $("prev").addEventListener("click", () => turn(-1, false));
  $("next").addEventListener("click", () => turn(1, false));
  $("prev2").addEventListener("click", () => turn(-1, true));
  $("next2").addEventListener("click", () => turn(1, true));
  render();
})();
