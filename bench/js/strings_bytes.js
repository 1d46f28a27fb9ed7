// Bytes of the page's inline #strings JSON, its text in its language.
() => new TextEncoder().encode(document.getElementById("strings").textContent).length
