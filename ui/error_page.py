"""A friendly HTML page for a browser that opens an address that does not exist (the API keeps
answering JSON). Finnish first, English beside it; no scripts, only an inline style."""

from __future__ import annotations

import html

PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

_TEXTS = {
    404: ("Sivua ei löydy", "Page not found",
          "Tätä osoitetta ei ole. Ehkä linkki on vanha tai osoitteessa on kirjoitusvirhe.",
          "This address does not exist: the link may be old or mistyped."),
    405: ("Tämä ei onnistu täällä", "Not possible here",
          "Tätä osoitetta ei voi käyttää näin.", "This address cannot be used like this."),
}
_DEFAULT = ("Jokin meni vikaan", "Something went wrong", "Yritä uudelleen hetken päästä.", "Please try again later.")

_STYLE = """
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; background: #f4f1ea; color: #1d2a2e; }
main { max-width: 34rem; margin: 12vh auto 0; padding: 1.5rem; background: #fff; border-radius: 12px;
       box-shadow: 0 1px 4px rgba(0,0,0,.08); }
.logo { font-weight: 700; color: #1f4e5f; font-size: 1.3rem; }
h1 { font-size: 1.5rem; margin: .8rem 0 .2rem; }
.en { color: #5b6b70; font-style: italic; }
a.home { display: inline-block; margin-top: 1.2rem; padding: .6rem 1.1rem; background: #1f4e5f; color: #fff;
         border-radius: 8px; text-decoration: none; font-weight: 600; }
.code { color: #5b6b70; font-size: .85rem; margin-top: 1rem; }
"""


def wants_html(accept: str | None, path: str) -> bool:
    """A browser page request (Accept: text/html) outside the API."""
    if path == "/api" or path.startswith(("/api/", "/docs", "/redoc", "/openapi")):
        return False
    return "text/html" in (accept or "").lower()


def error_page(status: int) -> str:
    title, title_en, text, text_en = _TEXTS.get(status, _DEFAULT)
    return (f"<!doctype html><html lang='fi'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{html.escape(title)} – Työkieli</title><style>{_STYLE}</style></head><body><main>"
            f"<div class='logo'>Työkieli</div><h1>{html.escape(title)}</h1><div class='en'>{html.escape(title_en)}</div>"
            f"<p>{html.escape(text)}<br><span class='en'>{html.escape(text_en)}</span></p>"
            f"<a class='home' href='/ui/'>Etusivulle <span>(to the start page)</span></a>"
            f"<div class='code'>Virhekoodi (error code) {int(status)}</div></main></body></html>")
