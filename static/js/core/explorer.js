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
 * -> {player, saveUrl, syncTransport}: syncTransport() redraws the controls after a page changes
 * the player itself.
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
  return { player, saveUrl, syncTransport };
}
