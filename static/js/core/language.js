// The EN | 한국어 switch: remember the choice and reload the same view (its state is in the URL).
for (const link of document.querySelectorAll(".lang-switch a[data-lang]")) {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    const lang = link.dataset.lang;
    document.cookie = `lang=${lang}; path=/; max-age=31536000; samesite=lax`;
    const url = new URL(window.location.href);
    url.searchParams.set("lang", lang);
    window.location.assign(url);
  });
}
