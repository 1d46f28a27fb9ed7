// The page's problem line (#problem): one sentence when the settings cannot be computed or a request
// failed, with the views it concerns greyed out ("stale") until the next good answer.
import { ApiError } from "./api.js";
import { t } from "./i18n.js";

/**
 * framing: a string key that puts each detail in a sentence ("This combination does not fit:
 * {detail}"), or null to show details as they are; stale: the elements to grey out meanwhile.
 * -> show(detail, key = framing): show detail in the sentence of `key`; null clears the line.
 */
export function problemLine({ framing = null, stale = [] } = {}) {
  const line = document.getElementById("problem");
  return (detail, key = framing) => {
    line.hidden = !detail;
    line.textContent = detail ? (key ? t(key, { detail }) : detail) : "";
    for (const element of stale) element.classList.toggle("stale", Boolean(detail));
  };
}

/** A failed request in a sentence: the server's own, or that it did not answer. */
export function errorText(error) {
  return error instanceof ApiError ? error.detail : t("error.network", { detail: error.message });
}
