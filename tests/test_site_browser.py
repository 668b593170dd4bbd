"""The HTML site in a real browser: Debian's headless Chromium driven by Selenium.

One browser and one built demo site serve every test of this module (about half a minute in all).
Without Chromium the tests are skipped on a developer's machine, and fail in CI (CI=true), where
`.ci/run` installs `chromium` and `chromium-driver`. Screenshots go to test-output/ (ignored by
git) for review.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import DEMO_NOTES, PROJECT
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
    shutil.copytree(DEMO_NOTES, notebook)
    for name, body in HOSTILE.items():
        (notebook / name).write_text(f"---\ntype: note\ntitle: {name}\n---\n{body}\n")
    words = " ".join(FRENCH_WORDS + WRITTEN)
    (notebook / "mots.md").write_text(f"---\ntype: note\ntitle: Mots\n---\n{words}\n")
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
    assert fold(snippet) in ("pole", "emploi")


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
