// The page's strings (embedded by the server in the chosen language) and a formatter.
const STRINGS = JSON.parse(document.getElementById("strings").textContent);

/** t("player.step", {step: 1, count: 4}) -> "step 1 / 4"; unknown keys come back as themselves. */
export function t(key, vars = {}) {
  const text = STRINGS[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in vars ? String(vars[name]) : match));
}

export const lang = document.documentElement.lang || "en";
