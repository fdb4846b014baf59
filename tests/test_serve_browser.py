"""The resolution page in a real headless Chromium: filter by addressee "Bund", compare with the demands query."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import httpx
import pytest
from test_serve import MINI, QUERIES, RES, ROOT, start_server, stop

CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
IN_CI = os.environ.get("CI", "").lower() == "true"
OUT = ROOT / "tests" / "output"

if not Path(CHROMIUM).exists() and not IN_CI:
    pytest.skip("Debian chromium is not installed (/usr/bin/chromium); apt-get install chromium chromium-driver",
                allow_module_level=True)


def data_and_queries() -> tuple[Path, Path]:
    """The built graph and the project's catalogue when both exist, else the hand-made test graph."""
    built, queries = ROOT / "graph" / "dataset.nt", ROOT / "queries"
    if built.is_file() and (queries / "demands.rq").is_file():
        return built, queries
    return MINI, QUERIES


@pytest.fixture(scope="module")
def site():
    data, queries = data_and_queries()
    proc, url = start_server(data=data, queries=queries)
    yield url
    stop(proc)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="mkgraph-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={profile}", "--window-size=1280,900", "--hide-scrollbars"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def demands_to_bund(url: str) -> int:
    """Distinct demands addressed to the Bund, as the saved demands query answers."""
    cat = {q["name"]: q for q in httpx.get(url + "/api/queries").json()["queries"]}
    params = {"format": "json"}
    types = {p["name"]: p["type"] for p in cat["demands"]["parameters"]}
    names = set(types)
    if "addressee" in names:  # an IRI parameter takes a path under id/, a string one the label
        params["addressee"] = "actor/bund" if types["addressee"] == "iri" else "Bund"
    res = httpx.get(url + "/api/queries/demands", params=params, timeout=30).json()
    first = res["head"]["vars"][0]
    rows = res["results"]["bindings"]
    if "addressee" not in names:  # filter by the label column ourselves
        rows = [b for b in rows if any(v.get("value") == "Bund" for v in b.values())]
    return len({b[first]["value"] for b in rows})


OVERLAP = """const a = arguments[0].getBoundingClientRect(), b = arguments[1].getBoundingClientRect();
    return a.width > 0 && b.width > 0 && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;"""


def filtered_and_clicked(browser, url: str):
    """The page filtered to demands on the Bund, the second one clicked; the clicked mark."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(url + RES)
    Select(browser.find_element(By.ID, "f-addressee")).select_by_value("Bund")
    Select(browser.find_element(By.ID, "f-kind")).select_by_value("demand")
    marks = browser.find_elements(By.CSS_SELECTOR, "#text mark.hl:not(.dim)")
    mark = marks[min(1, len(marks) - 1)]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()", mark)
    return mark


def check_layout(browser, mark):
    """Nothing covers anything: the count, the filters, the details and the statement they describe."""
    from selenium.webdriver.common.by import By

    count = browser.find_element(By.CSS_SELECTOR, ".count")
    for label in browser.find_elements(By.CSS_SELECTOR, "#filters label"):
        assert not browser.execute_script(OVERLAP, count, label), label.text
    detail = browser.find_element(By.ID, "detail")
    assert detail.is_displayed()
    assert not browser.execute_script(OVERLAP, detail, mark), "the details cover the statement"
    assert not browser.execute_script(OVERLAP, browser.find_element(By.ID, "toolbar"), mark), "the toolbar covers it"
    assert browser.execute_script("return document.documentElement.scrollWidth") <= browser.execute_script(
        "return window.innerWidth")


def test_filter_by_bund_matches_demands_query(site, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    expected = demands_to_bund(site)
    assert expected > 0
    browser.set_window_size(1280, 900)
    browser.get(site + RES)
    total = int(browser.find_element(By.ID, "hl-count").text)
    assert total == len(browser.find_elements(By.CSS_SELECTOR, "#statements li.statement"))
    # the page holds the file character for character; the PDF's empty lines are not shown
    original = (ROOT / "sources" / "intmk-2017-top-2-1.txt").read_text(encoding="utf-8")
    text = browser.find_element(By.ID, "text")
    assert browser.execute_script("return arguments[0].textContent", text) == original
    assert browser.execute_script("return arguments[0].innerText", text).count("\n\n") < original.count("\n\n") / 4
    Select(browser.find_element(By.ID, "f-addressee")).select_by_value("Bund")
    Select(browser.find_element(By.ID, "f-kind")).select_by_value("demand")
    shown = [li for li in browser.find_elements(By.CSS_SELECTOR, "#statements li.statement") if li.is_displayed()]
    assert int(browser.find_element(By.ID, "hl-count").text) == len(shown) == expected
    # every highlighted stretch of text belongs to a shown statement, and each shown one is highlighted
    lit = browser.execute_script(
        "return Array.from(document.querySelectorAll('#text mark.hl:not(.dim)')).map(m => m.dataset.s)")
    shown_ids = {li.get_attribute("data-i") for li in shown}
    assert {i for s in lit for i in s.split()} >= shown_ids
    assert all(set(s.split()) & shown_ids for s in lit)
    # clicking a highlight shows speaker, addressees and action field, beside the statement
    mark = filtered_and_clicked(browser, site)
    detail = browser.find_element(By.ID, "detail").text
    assert "Adressaten:" in detail and "Bund" in detail and "Handlungsfeld:" in detail
    assert "addressee=Bund" in browser.current_url
    check_layout(browser, mark)
    OUT.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(OUT / "resolution-page.png"))


def test_phone_width_no_overlap_no_horizontal_scroll(site, browser):
    browser.set_window_size(390, 844)
    try:
        mark = filtered_and_clicked(browser, site)
        check_layout(browser, mark)
        browser.save_screenshot(str(OUT / "resolution-page-phone.png"))
    finally:
        browser.set_window_size(1280, 900)
