// Which links carry the reader's language and presentation mode on to the next page, and how.

/**
 * What this page passes on: its language when the URL chose it (?lang= naming the page's own
 * language), and present=1 while it presents (or, on a page without presentation mode, when its
 * URL asked for it, so that mode survives a stop on such a page).
 */
export function passedOn(search, pageLang, presenting) {
  const params = new URLSearchParams(search);
  const passed = {};
  if (params.get("lang") === pageLang) passed.lang = pageLang;
  if (presenting || params.get("present") === "1") passed.present = "1";
  return passed;
}

/** A page of this app: same origin, not a #fragment of this very page, not a file (no dot in its last segment). */
export function isAppPage(url, here) {
  const fragmentHere = url.hash !== "" && url.pathname === here.pathname && url.search === here.search;
  const file = url.pathname.split("/").pop().includes(".");
  return url.origin === here.origin && !fragmentHere && !file;
}

/** `href` with the passed-on parameters set, root-relative; a link that leads elsewhere comes back as it was. */
export function carry(href, here, passed) {
  const base = new URL(here);
  const url = new URL(href, base);
  if (!isAppPage(url, base)) return href;
  for (const [name, value] of Object.entries(passed)) url.searchParams.set(name, value);
  return url.pathname + url.search + url.hash;
}

/** This very view in another language: the page's URL (its state included) with ?lang= replaced. */
export function inLanguage(here, lang) {
  const url = new URL(here);
  url.searchParams.set("lang", lang);
  return url.pathname + url.search + url.hash;
}
