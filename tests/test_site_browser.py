"""The HTML site in a real browser: Debian's headless Chromium driven by Selenium.

One browser and one built demo site serve every test of this module (about half a minute in all).
Without Chromium the tests are skipped on a developer's machine, and fail in CI (CI=true), where
`.ci/run` installs `chromium` and `chromium-driver`. Screenshots go to test-output/ (ignored by
git) for review.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import PROJECT, copy_demo
from garefil.adapters.french_analysis import FrenchAnalyzer
from garefil.core.text import fold

CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = PROJECT / "test-output"
HOSTILE = {
    "piege-script.md": "Avant <script>window.__garefilPwned = 'script';</script> après.",
    "piege-image.md": '<img src="x.png" onerror="window.__garefilPwned = \'img\'">',
    "piege-lien.md": "[clic](javascript:window.__garefilPwned='lien') "
    '<a href="javascript:window.__garefilPwned=\'a\'" id="piege">piège</a>',
}
FRENCH_WORDS = (
    "Pôle",
    "emploi",
    "Œuvre",
    "cœur",
    "ÉCOLE",
    "façade",
    "naïve",
    "Noël",
    "maïs",
    "aîné",
    "où",
    "Straße",
    "Ægir",
    "déjà",
    "élève",
    "créées",
    "entrepreneuse",
    "l’accompagnement",
    "Ça",
    "ÇA",
    "hôtel",
    "théâtre",
    "coopérative",
    "prud’hommes",
    "sœurs",
    "île",
    "Ève",
)
# No hyphen nor slash to break at, as pad services name their pads.
LONG_PAD = "https://pad.example.org/p/" + "Kq3xZ7vRt9LmW2pB" * 8
PHONE = {"width": 375, "height": 800, "deviceScaleFactor": 1, "mobile": False}
# In the notes: these words; typed: other forms of them, which the page must bring to the same term.
WRITTEN = ("emploi", "créé", "coopérative", "théâtre", "élève", "entrepreneur")
QUERY_WORDS = ("pole", "emplois", "creees", "cooperatives", "oeuvre", "theatre", "eleves", "coeur")


def _missing_browser() -> str | None:
    if not (CHROMEDRIVER.exists() and CHROMIUM.exists()):
        return "chromium and chromium-driver (Debian) are not installed"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (python3 dev.py test installs it)"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """One headless Chromium for the whole session."""
    missing = _missing_browser()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs a browser: {missing}")
        pytest.skip(missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,900"):
        options.add_argument(flag)
    options.add_argument("--disable-dev-shm-usage")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo notebook, with three hostile notes and a few French words, built once."""
    base = tmp_path_factory.mktemp("site")
    notebook = base / "demo"
    copy_demo(notebook)
    for name, body in HOSTILE.items():
        (notebook / name).write_text(f"---\ntype: note\ntitle: {name}\n---\n{body}\n")
    words = " ".join(FRENCH_WORDS + WRITTEN)
    (notebook / "mots.md").write_text(f"---\ntype: note\ntitle: Mots\n---\n{words}\n")
    return _built(notebook, base)


@pytest.fixture(scope="module")
def long_pad_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small notebook whose pad has a long address, built (the demo's home page stays as the
    README shows it)."""
    base = tmp_path_factory.mktemp("site-pad")
    notebook = base / "pads"
    (notebook / "pads").mkdir(parents=True)
    (notebook / "pads" / "pad-long.md").write_text(
        f"---\ntype: pad\ntitle: Pad au long nom\nurl: {LONG_PAD}\n---\nVoir {LONG_PAD}\n"
    )
    return _built(notebook, base)


def _built(notebook: Path, base: Path) -> Path:
    """`garefil init` then `garefil site` in `notebook`; the site's folder."""
    env = _isolated_env(base)
    for args in (("init", str(notebook)), ("-C", str(notebook), "site")):
        subprocess.run(
            [sys.executable, "-m", "garefil", *args],
            env=env,
            check=True,
            capture_output=True,
            timeout=120,
        )
    return notebook / ".garefil" / "site"


def _isolated_env(base: Path) -> dict[str, str]:
    """Git's default configuration with an identity, as the `isolated` fixture gives a test."""
    config = base / "gitconfig"
    config.write_text("[user]\n\tname = Awa Diallo\n\temail = awa@example.org\n")
    return dict(
        os.environ,
        HOME=str(base),
        GIT_CONFIG_GLOBAL=str(config),
        GIT_CONFIG_NOSYSTEM="1",
        LANG="C.UTF-8",
        EDITOR="false",
    )


def _search(browser, query: str) -> list[str]:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    box = browser.find_element(By.ID, "recherche")
    box.clear()
    box.send_keys(query)
    results = browser.find_element(By.ID, "resultats")
    WebDriverWait(browser, 10).until(lambda _: results.is_displayed() and results.text)
    return [a.text for a in results.find_elements(By.CSS_SELECTOR, "li > a")]


def test_home_note_and_back_then_search_without_accents(browser, demo_site: Path) -> None:
    from selenium.webdriver.common.by import By

    SCREENSHOTS.mkdir(exist_ok=True)
    browser.get((demo_site / "index.html").as_uri())
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    assert browser.find_element(By.TAG_NAME, "h1").text
    browser.save_screenshot(str(SCREENSHOTS / "site-accueil.png"))
    pads = browser.find_element(By.CSS_SELECTOR, ".quai-pads li a")
    title = pads.text
    pads.click()
    assert browser.find_element(By.TAG_NAME, "h1").text == title
    assert browser.find_element(By.CSS_SELECTOR, "dl.fiche")
    browser.save_screenshot(str(SCREENSHOTS / "site-note.png"))
    browser.back()
    assert browser.current_url.endswith("/index.html")
    found = _search(browser, "pole emploi")
    assert any("Pôle emploi" in t or "Pôle Emploi" in t for t in found), found
    snippet = browser.find_element(By.CSS_SELECTOR, "#resultats mark").text
    # France Travail is Pôle Emploi's other name in the demo's tags: marked as found too.
    assert fold(snippet) in ("pole", "emploi", "france", "travail")


def test_search_as_you_type_finds_the_start_of_a_word(browser, demo_site: Path) -> None:
    browser.get((demo_site / "pages" / "notes.html").as_uri())
    assert "Mots" in _search(browser, "theat")


def test_injected_scripts_did_not_run(browser, demo_site: Path) -> None:
    from selenium.webdriver.common.by import By

    for name in HOSTILE:
        browser.get((demo_site / "notes" / name.replace(".md", ".html")).as_uri())
        for link in browser.find_elements(By.CSS_SELECTOR, ".corps a"):
            link.click()
        assert browser.execute_script("return window.__garefilPwned === undefined"), name
        assert (
            browser.execute_script("return document.querySelectorAll('.corps script').length") == 0
        )


def test_the_page_folds_typed_words_as_the_command_line_does(browser, demo_site: Path) -> None:
    browser.get((demo_site / "index.html").as_uri())
    folded = browser.execute_script(
        "return arguments[0].map(function (w) { return window.garefilFold(w); })", FRENCH_WORDS
    )
    assert folded == [fold(w) for w in FRENCH_WORDS]
    _search(browser, "mots")  # loads the index
    terms = browser.execute_script(
        "return arguments[0].map(function (w) { return window.garefilTermOf(w); })", QUERY_WORDS
    )
    analyzer = FrenchAnalyzer()
    assert terms == [analyzer.term(w) for w in QUERY_WORDS]


# The elements of the page that stick out of the viewport, or out of the card they are in.
OVERFLOWING = """
var width = document.documentElement.clientWidth;
function out(e) {
  var box = e.getBoundingClientRect(), card = e.parentElement.closest('.quai, .fiche');
  return box.right > width + 1 || (card && box.right > card.getBoundingClientRect().right + 1);
}
return [document.documentElement.scrollWidth <= window.innerWidth,
        Array.from(document.querySelectorAll('main *')).filter(out)
          .map(function (e) { return e.tagName + ' ' + e.textContent.slice(0, 60); })];
"""


def test_no_page_is_wider_than_a_phone(browser, long_pad_site: Path) -> None:
    """A long pad address wraps on a 375 px wide screen: nothing needs sideways scrolling."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    try:
        for page in ("notes/pads~pad-long.html", "pages/pads.html", "index.html"):
            browser.get((long_pad_site / page).as_uri())
            assert LONG_PAD in browser.page_source
            assert browser.execute_script(OVERFLOWING) == [True, []], page
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_pad_addresses_stay_inside_the_home_page_cards(browser, demo_site: Path) -> None:
    browser.get((demo_site / "index.html").as_uri())
    assert "https://pad.example.org/p/" in browser.page_source
    assert browser.execute_script(OVERFLOWING) == [True, []]


CR = "notes/cr~2024~2024-02-05-jean-dupont-cotisations-urssaf-vruv8.html"


def test_a_cr_prints_on_a4_without_the_menu(browser, demo_site: Path) -> None:
    """Chromium's own « save as PDF »: A4 pages holding the CR's text, not the site's menu."""
    import base64
    import io

    from pypdf import PdfReader

    browser.get((demo_site / CR).as_uri())
    printed = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    pdf = PdfReader(io.BytesIO(base64.b64decode(printed["data"])))
    assert 1 <= len(pdf.pages) <= 2
    width, height = pdf.pages[0].mediabox.width, pdf.pages[0].mediabox.height
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    assert "Cotisations URSSAF" in text and "rien à déclarer en direct" in text
    assert "Chercher dans les notes" not in text and "Toutes les notes" not in text


def test_keyboard_reaches_the_content_with_a_visible_focus(browser, demo_site: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get((demo_site / CR).as_uri())
    landmarks = browser.execute_script(
        "return ['header', 'nav', 'main', 'footer', 'form[role=search]']"
        ".map(function (s) { return document.querySelectorAll(s).length; })"
    )
    assert landmarks == [1, 1, 1, 1, 1]
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    skip = browser.switch_to.active_element
    assert skip.text == "Aller au contenu"
    assert skip.rect["x"] >= 0 and skip.rect["width"] > 0  # shown once focused
    browser.find_element(By.ID, "recherche").send_keys(Keys.SHIFT, Keys.TAB)  # back to a link
    focused = browser.switch_to.active_element
    assert focused.tag_name == "a"
    assert focused.value_of_css_property("outline-style") != "none"
    skip.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("id") == "contenu"


def test_pages_read_in_order_without_style_or_script(browser, demo_site: Path) -> None:
    """Without the style sheet (and the script), the page is still its title, its card and its
    text, in that order, and its links still lead somewhere."""
    from selenium.webdriver.common.by import By

    browser.get((demo_site / CR).as_uri())
    browser.execute_script(
        "document.querySelectorAll('link[rel=stylesheet], script').forEach("
        "function (e) { e.remove(); });"
    )
    text = browser.find_element(By.TAG_NAME, "main").text
    title, card, body = (text.index(s) for s in ("Cotisations URSSAF", "Jean Dupont", "Contexte"))
    assert title < card < body
    assert browser.find_element(By.CSS_SELECTOR, "main dl.fiche").is_displayed()


def test_typed_forms_the_notes_do_not_hold_find_what_the_command_line_finds(
    browser, tmp_path: Path
) -> None:
    """« accompagnateur » finds the note saying « accompagnatrice », « cotisation » (a finished
    word) the one saying « cotisations »: the same notes as `garefil search`."""
    notebook = tmp_path / "carnet"
    notebook.mkdir()
    for name, body in (("a.md", "L'accompagnatrice appelle."), ("c.md", "Les cotisations.")):
        (notebook / name).write_text(f"---\ntype: note\ntitle: {name[0]}\n---\n{body}\n")
    site = _built(notebook, tmp_path)
    browser.get((site / "index.html").as_uri())
    for query in ("accompagnateur", "cotisation "):
        command = subprocess.run(
            [sys.executable, "-m", "garefil", "-C", str(notebook), "search", query, "--json"],
            env=_isolated_env(tmp_path),
            capture_output=True,
            text=True,
            check=True,
        )
        titles = [hit["title"] for hit in json.loads(command.stdout)]
        assert titles and _search(browser, query) == titles, query
