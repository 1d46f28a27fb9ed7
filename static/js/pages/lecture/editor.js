// "Your own lecture": its views as lines to edit, the view on screen to add, a JSON file to save or
// open, and the link to the lecture playing.
import { t } from "../../core/i18n.js";
import { LIMITS, LectureError, checkLecture, fromFile, fromLines, ownPage, toFile, toLines } from "./definition.js";

const $ = (id) => document.getElementById(id);

/**
 * site: {origin, pages}; now(): {lecture, index, viewUrl} of the lecture playing; play(lecture) plays
 * a lecturer's own; builtIn() goes back to the built-in one; link(): {href, length} of the link to
 * the lecture playing, href null when it is too long to be one.
 * -> open(lines?, title?): opens the editor on those lines (text), else on the lecture playing.
 */
export function bindEditor({ site, now, play, builtIn, link }) {
  const dialog = $("editor");
  const name = $("editor-name");
  const lines = $("editor-views");
  const problem = $("editor-problem");

  const say = (text) => {
    problem.textContent = text;
    problem.hidden = !text;
  };
  const attempt = (work) => {
    try {
      work();
    } catch (error) {
      if (!(error instanceof LectureError)) throw error;
      say(t(error.key, error.vars));
    }
  };
  const edited = () => checkLecture({ title: name.value, views: fromLines(lines.value) }, site);

  const showLink = () => {
    const { href, length } = link();
    $("editor-link").value = href ?? "";
    $("editor-copy").disabled = href === null;
    $("editor-copied").textContent = href === null ? t("page.editor.long", { length, max: LIMITS.link }) : "";
  };

  function open(text = null, title = "") {
    const { lecture } = now();
    name.value = text === null ? lecture?.title ?? "" : title;
    lines.value = text ?? (lecture ? toLines(lecture.views) : "");
    say("");
    showLink();
    dialog.showModal();
  }

  $("edit").addEventListener("click", () => open());
  $("editor-add").addEventListener("click", () => {
    const { lecture, index, viewUrl } = now();
    const url = lecture && ownPage(viewUrl(), site);
    if (!url) return;
    // After the line of the view on screen (or at the end, when the lines have been edited).
    const rows = lines.value.split("\n");
    const at = lines.value === toLines(lecture.views) ? index + 1 : rows.length;
    rows.splice(at, 0, `${url} ${lecture.views[index].title}`);
    lines.value = rows.join("\n");
  });
  $("editor-play").addEventListener("click", () => attempt(() => {
    play(edited());
    dialog.close();
  }));
  $("editor-save").addEventListener("click", () => attempt(() => {
    say("");
    download(toFile(edited()), "lecture.json");
  }));
  $("editor-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    event.target.value = ""; // the same file again is a change too
    if (!file) return;
    if (file.size > LIMITS.fileKB * 1024) {
      say(t("page.error.size", { name: file.name, size: Math.ceil(file.size / 1024), max: LIMITS.fileKB }));
      return;
    }
    const text = await file.text();
    attempt(() => {
      play(fromFile(text, file.name, site));
      dialog.close();
    });
  });
  $("editor-builtin").addEventListener("click", () => {
    builtIn();
    dialog.close();
  });
  $("editor-copy").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText($("editor-link").value);
      $("editor-copied").textContent = t("page.editor.copied");
    } catch {
      $("editor-link").select(); // for Ctrl+C, where the browser refuses the clipboard (plain http)
    }
  });
  return open;
}

function download(text, filename) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = filename;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
