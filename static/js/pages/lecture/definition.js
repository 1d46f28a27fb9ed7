// What a lecture is: a title and a list of views, each a title and a URL of one of this app's pages
// (a path, its query and hash; nothing from elsewhere). Read from a link ("views": one view per
// line, the URL then its title, as the editor shows them) or from a JSON file
// ({"title": …, "views": [{"url": …, "title": …}, …]}), and checked the same way either way.

export const LIMITS = { views: 50, title: 80, url: 4000, fileKB: 256, link: 8000 };
// The lecture page sets these on every view itself, so that all views share them.
const SHARED = new Set(["lang", "present"]);

/** A lecture that cannot be played: key and vars of the sentence (app/web/strings/lecture.json) that says why. */
export class LectureError extends Error {
  constructor(key, vars = {}) {
    super(key);
    this.key = key;
    this.vars = vars;
  }
}

/**
 * `text` as one of this app's pages: "/path?query#hash" without lang and present, or null for
 * anything else (another origin, another scheme, a path that is not a page).
 * site: {origin, pages} with pages: path -> the page's name.
 */
export function ownPage(text, { origin, pages }) {
  if (typeof text !== "string" || !text.trim() || text.length > LIMITS.url) return null;
  let url;
  try {
    url = new URL(text.trim(), origin);
  } catch {
    return null;
  }
  if (url.origin !== origin || !Object.hasOwn(pages, url.pathname)) return null;
  // The query as it was written (URLSearchParams would re-encode its commas), less the shared keys.
  const query = url.search.slice(1).split("&").filter((part) => part && !SHARED.has(part.split("=")[0]));
  return url.pathname + (query.length ? `?${query.join("&")}` : "") + url.hash;
}

/** {title?, views: [{url, title?}]} -> {title, views: [{url, title}]}, or a LectureError. */
export function checkLecture(lecture, site) {
  const title = lecture.title ?? "";
  if (typeof title !== "string" || title.length > LIMITS.title) throw new LectureError("page.error.name", { max: LIMITS.title });
  const { views } = lecture;
  if (views.length === 0) throw new LectureError("page.error.empty");
  if (views.length > LIMITS.views) throw new LectureError("page.error.many", { count: views.length, max: LIMITS.views });
  return { title: title.trim(), views: views.map((view, index) => checkView(view, index + 1, site)) };
}

function checkView(view, n, site) {
  if (typeof view !== "object" || view === null || Array.isArray(view)) throw new LectureError("page.error.view", { n });
  const url = ownPage(view.url, site);
  if (url === null) {
    const shown = typeof view.url === "string" ? shorten(view.url.trim()) : JSON.stringify(view.url ?? null);
    throw new LectureError("page.error.url", { n, url: shown, pages: Object.keys(site.pages).join(", ") });
  }
  const title = view.title ?? "";
  if (typeof title !== "string" || title.length > LIMITS.title) throw new LectureError("page.error.title", { n, max: LIMITS.title });
  return { url, title: title.trim() || site.pages[new URL(url, site.origin).pathname] };
}

function shorten(text, length = 60) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** The editor's and the link's lines ("url title", one view a line; blank lines skipped) -> views. */
export function fromLines(text) {
  return text.split("\n").map((line) => line.trim()).filter(Boolean).map((line) => {
    const gap = line.search(/\s/);
    return gap < 0 ? { url: line } : { url: line.slice(0, gap), title: line.slice(gap).trim() };
  });
}

export function toLines(views) {
  return views.map((view) => `${view.url} ${view.title}`).join("\n");
}

/** A JSON file's text (named `name`) -> a checked lecture, or a LectureError. */
export function fromFile(text, name, site) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LectureError("page.error.json", { name });
  }
  const shaped = typeof value === "object" && value !== null && Array.isArray(value.views);
  if (!shaped) throw new LectureError("page.error.shape", { name });
  return checkLecture(value, site);
}

export function toFile(lecture) {
  return `${JSON.stringify({ title: lecture.title, views: lecture.views }, null, 2)}\n`;
}

/** The lecture's own parameters in the link to it: its views as lines, and its title. */
export function linkParams(lecture) {
  return { views: toLines(lecture.views), title: lecture.title };
}

/** The URL the frame opens for a view: the view's own URL, in the lecture's language and mode. */
export function viewSource(url, { lang, present }) {
  const hash = url.indexOf("#");
  const [address, fragment] = hash < 0 ? [url, ""] : [url.slice(0, hash), url.slice(hash)];
  const shared = `lang=${encodeURIComponent(lang)}${present ? "&present=1" : ""}`;
  return `${address}${address.includes("?") ? "&" : "?"}${shared}${fragment}`;
}
