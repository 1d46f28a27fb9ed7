// What every explorer page starts with: a player on the transport controls and the keyboard,
// presentation mode (also from ?present=1), and the page's state written to the URL on each change.
import { bindPlayer } from "./controls.js";
import { bindKeyboard } from "./keyboard.js";
import { Player } from "./player.js";
import { bindPresentation, isPresentation, setPresentation } from "./presentation.js";
import { readParams } from "./urlstate.js";

/**
 * state(): the page's current state, whose `step` follows the player; write(state, {present}):
 * the page's URL writer. Every other option goes to the Player.
 * -> {player, saveUrl, syncTransport, setSteps}: syncTransport() redraws the controls after a page
 * changes the player itself; setSteps(count) gives the player its step count, going to the URL's
 * step the first time (it was out of range until the first answer said how many steps there are).
 */
export function startExplorer({ state, write, ...playerOptions }) {
  const saveUrl = () => write(state(), { present: isPresentation() });
  const player = new Player({
    step: state().step,
    ...playerOptions,
    onChange: () => {
      syncTransport();
      state().step = player.step;
      saveUrl();
    },
  });
  const syncTransport = bindPlayer(player);
  if (readParams().get("present") === "1") setPresentation(true);
  bindPresentation(saveUrl);
  bindKeyboard(player, { onPresentation: saveUrl });
  let pendingStep = state().step;
  const setSteps = (count) => {
    player.setCount(count);
    if (pendingStep !== null) {
      player.go(pendingStep);
      pendingStep = null;
    }
  };
  return { player, saveUrl, syncTransport, setSteps };
}
