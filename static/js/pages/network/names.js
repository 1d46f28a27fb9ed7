// A layer's name as the page's language says it (Korean: conv1 is 합성곱 1).
import { t } from "../../core/i18n.js";

/** The layer's name in the page's language; a type without a string keeps the model's name. */
export function layerName(layer) {
  const key = `page.layer.${layer.type}`;
  const text = t(key, { name: layer.name, n: layer.name.match(/\d*$/)[0] });
  return text === key ? layer.name : text.trim(); // trim: a name without a number leaves "{n}" empty
}
