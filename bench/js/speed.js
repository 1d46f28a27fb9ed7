// The player's speed slider: its value, its maximum and the speed it names.
() => {
  const speed = document.querySelector("[data-player=speed]");
  return { value: Number(speed.value), max: Number(speed.max), title: speed.title };
}
