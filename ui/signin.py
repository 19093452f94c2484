"""The look of the sign-in page. Gradio draws the form (its `auth=` callable in ui/app.py checks the
password); the message above the form carries the product's name, a Finnish welcome with English,
and the page's style (the page's own CSS is not loaded before sign-in)."""

from __future__ import annotations

SIGN_IN_STYLE = """
<style>
body, gradio-app { background: #f4f1ea !important; }
.tk-signin { text-align: center; margin: 0 0 .5rem; }
.tk-signin .tk-logo { font-size: 2rem; font-weight: 700; color: #1f4e5f; letter-spacing: .02em; }
.tk-signin .tk-tag { color: #5b6b70; margin-top: .1rem; }
.tk-signin .tk-hello { margin-top: 1rem; font-size: 1.05rem; color: #1d2a2e; }
.tk-signin .tk-en { color: #5b6b70; font-style: italic; font-size: .95rem; }
.tk-signin .tk-help { margin-top: .8rem; font-size: .9rem; color: #5b6b70; }
button.primary, button.lg.primary { background: #1f4e5f !important; border-color: #1f4e5f !important; color: #fff !important; }
.wrap h2, .panel h2 { display: none; }
/* the same words in every browser language: Finnish first, English beside it */
.panel label > span[data-testid="block-info"] { font-size: 0 !important; }
.panel label > span[data-testid="block-info"]::after { font-size: .95rem; color: #1d2a2e; }
.panel .block:has(input[type="text"]) label > span[data-testid="block-info"]::after {
  content: "Käyttäjätunnus (user name)"; }
.panel .block:has(input[type="password"]) label > span[data-testid="block-info"]::after {
  content: "Salasana (password)"; }
.panel > button.primary { font-size: 0 !important; }
.panel > button.primary::after { content: "Kirjaudu sisään (sign in)"; font-size: 1.05rem; }
@media (max-width: 520px) { .tk-signin .tk-logo { font-size: 1.7rem; } }
</style>
"""

SIGN_IN_MESSAGE = SIGN_IN_STYLE + (
    "<div class='tk-signin'>"
    "<div class='tk-logo'>Työkieli</div>"
    "<div class='tk-tag'>Työn suomi <span class='tk-en'>(the Finnish of your job)</span></div>"
    "<div class='tk-hello'>Tervetuloa! Kirjaudu sisään omalla käyttäjätunnuksella ja salasanalla.</div>"
    "<div class='tk-en'>Welcome! Sign in with your own user name and password.</div>"
    "<div class='tk-help'>Ei tunnusta? Kysy valmentajalta tai opettajalta. "
    "<span class='tk-en'>(No account? Ask your coach or teacher.)</span></div>"
    "</div>"
)
