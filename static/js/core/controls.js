// Wires a Player to the transport bar ([data-player] elements) and to the keyboard.
import { t } from "./i18n.js";
import { SPEEDS } from "./player.js";

/** reveal(): in predict mode, shows the current question's answer instead of moving on (true if it did). */
export function bindPlayer(player, { root = document, reveal = () => false } = {}) {
  const $ = (name) => root.querySelector(`[data-player="${name}"]`);
  const play = $("play");
  const scrub = $("scrub");
  const speed = $("speed");
  const position = $("position");

  $("first").addEventListener("click", () => player.first());
  $("prev").addEventListener("click", () => player.prev());
  $("next").addEventListener("click", () => reveal() || player.next());
  $("last").addEventListener("click", () => player.last());
  play.addEventListener("click", () => player.toggle());
  scrub.addEventListener("input", () => {
    player.pause();
    player.go(Number(scrub.value));
  });
  speed.max = String(SPEEDS.length - 1);
  speed.addEventListener("input", () => player.setSpeedIndex(Number(speed.value)));

  return function update() {
    play.classList.toggle("playing", player.playing);
    const label = t(player.playing ? "player.pause" : "player.play");
    play.setAttribute("aria-label", label);
    play.title = label;
    scrub.max = String(player.count - 1);
    scrub.value = String(player.step);
    scrub.setAttribute("aria-valuetext", t("player.step", { step: player.step + 1, count: player.count }));
    position.textContent = t("player.step", { step: player.step + 1, count: player.count });
    speed.value = String(player.speedIndex);
    speed.setAttribute("aria-valuetext", t("player.speedValue", { speed: player.speed }));
    speed.title = t("player.speedValue", { speed: player.speed });
  };
}
