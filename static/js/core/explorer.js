// What every explorer page starts with: a player on the transport controls and the keyboard,
// presentation mode (also from ?present=1), predict mode where the page asks for it (also from
// ?predict=1), the page's state written to the URL on each change, and a presented stage kept on one screen.
import { bindPlayer } from "./controls.js";
import { bindExport } from "./export.js";
import { bindKeyboard } from "./keyboard.js";
import { Player } from "./player.js";
import { Predictor } from "./predict.js";
import { bindPresentation, isPresentation, setPresentation } from "./presentation.js";
import { keepStageOnScreen } from "./stage-fit.js";
import { readParams } from "./urlstate.js";

/**
 * state(): the page's current state, whose `step` follows the player; write(state, {present, predict}):
 * the page's URL writer. predict: the page has predict mode. screens: a second presented screen the
 * Page keys reach (keyboard.js). Every other option goes to the Player.
 * -> {player, predictor, saveUrl, syncTransport, setSteps}: predictor is null without predict mode;
 * syncTransport() redraws the controls after a page changes the player itself; setSteps(count) gives
 * the player its step count, going to the URL's step the first time (it was out of range until the
 * first answer said how many steps there are).
 */
export function startExplorer({ state, write, predict = false, screens = null, ...playerOptions }) {
  const saveUrl = () => write(state(), { present: isPresentation(), predict: Boolean(predictor?.on) });
  const player = new Player({
    step: state().step,
    ...playerOptions,
    onChange: () => {
      // playing through predict mode stops at each question
      if (player.playing && predictor?.asks(player.step)) player.pause();
      syncTransport();
      state().step = player.step;
      saveUrl();
    },
  });
  const predictor = predict ? new Predictor({
    on: readParams().get("predict") === "1",
    onChange: () => { player.pause(); player.go(player.step); }, // draws the step again, writes the URL
    onRight: () => { if (!player.atLast) player.next(); },
  }) : null;
  const reveal = () => Boolean(predictor?.reveal(player.step));
  const syncTransport = bindPlayer(player, { reveal });
  if (readParams().get("present") === "1") setPresentation(true);
  bindPresentation(saveUrl);
  bindKeyboard(player, { onPresentation: saveUrl, predictor, reveal, openExport: bindExport(), screens });
  keepStageOnScreen();
  let pendingStep = state().step;
  const setSteps = (count) => {
    player.setCount(count);
    if (pendingStep !== null) {
      player.go(pendingStep);
      pendingStep = null;
    }
  };
  return { player, predictor, saveUrl, syncTransport, setSteps };
}
