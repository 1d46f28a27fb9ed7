// Presentation mode keeps the stage on one screen. The stylesheets size grids and type for the usual
// views; where a view is still taller than the screen (nine decimal products on three lines, a padded
// input beside the definition), the parts the room can do without give way, one at a time, in the
// order their data-gives-way attribute gives (1 first): the output-size rule, say, then the
// definition. They stay in normal mode.
//
// What gave way stays away while the view is the same (the URL but its step), so that stepping
// through it never makes the page jump; a new view, a resize or leaving presentation mode starts over.
import { isPresentation } from "./presentation.js";
import { afterLayoutChanges, overflowsScreen } from "./screen-fit.js";

const GAVE_WAY = "gave-way";

/** The view as the URL holds it, but for the step the player is at. */
function viewKey() {
  const params = new URLSearchParams(location.search);
  params.delete("step");
  return `${params}|${innerWidth}x${innerHeight}|${isPresentation()}`;
}

export function keepStageOnScreen() {
  const parts = [...document.querySelectorAll("[data-gives-way]")]
    .sort((a, b) => Number(a.dataset.givesWay) - Number(b.dataset.givesWay));
  if (!parts.length) return;
  let key = null;
  let given = 0;
  const fit = () => {
    if (viewKey() !== key) {
      key = viewKey();
      given = 0;
      for (const part of parts) part.classList.remove(GAVE_WAY);
    }
    if (!isPresentation()) return;
    while (given < parts.length && overflowsScreen()) parts[given++].classList.add(GAVE_WAY);
  };
  afterLayoutChanges(fit);
}
