"""HTTP as caches, crawlers and browsers expect it, against the real `mkgraph serve` (uvicorn on
127.0.0.1) with httpx: Vary: Accept on every negotiated answer, HEAD wherever GET, Allow on
405, a Content-Security-Policy on HTML pages, links only for http(s) IRIs, and content
negotiation by werkzeug's Accept parsing. The javascript: link is also checked in headless
Chromium (skipped only when Chromium is missing outside CI, as tests/test_serve_browser.py).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from test_serve import MINI, RES, start_server, stop

from mkgraph.serve import conneg

ID = "https://w3id.org/mkgraph/id/"
STMT = RES + "/statement/demand-8440-8837"
EVIL = "javascript:alert(document.domain)"
HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    extra = tmp_path_factory.mktemp("evil") / "evil.nt"
    see = "<http://www.w3.org/2000/01/rdf-schema#seeAlso>"
    extra.write_text(f"<https://w3id.org/mkgraph{STMT}> {see} <{EVIL}> .\n"
                     f"<javascript:alert(2)> {see} <https://w3id.org/mkgraph{STMT}> .\n", encoding="utf-8")
    proc, url = start_server("--data", str(extra))
    yield url
    stop(proc)


# (path, request headers): answers whose form depends on Accept
NEGOTIATED = [
    ("/", HTML),
    ("/id/land/DE-BW", HTML),
    ("/id/land/DE-BW", {"Accept": "text/turtle"}),
    (RES, HTML),
    (STMT, {"Accept": "application/ld+json"}),
    ("/sparql?query=ASK%7B%7D", {"Accept": "text/csv"}),
    ("/sparql", {"Accept": "text/turtle"}),
    ("/api/queries/demands", {"Accept": "text/csv"}),
    ("/api/queries/demands?addressee=actor/bund", {}),
    ("/api/queries", {}),
    ("/ontology", {"Accept": "text/turtle"}),
    ("/.well-known/void", {}),
    ("/query", HTML),
    ("/query/demands", HTML),
    ("/openapi.json", {}),
    ("/id/land/DE-XX", HTML),  # 404 page
    ("/id/land/DE-XX", {}),  # 404 JSON
]


def tokens(value: str | None) -> set[str]:
    return {t.strip().lower() for t in (value or "").split(",") if t.strip()}


@pytest.mark.parametrize("path,headers", NEGOTIATED)
def test_vary_accept_on_every_negotiated_answer(server, path, headers):
    r = httpx.get(server + path, headers=headers, timeout=30)
    assert r.status_code in (200, 404), r.text[:200]
    assert "accept" in tokens(r.headers.get("vary"))


@pytest.mark.parametrize("path,headers", NEGOTIATED + [
    ("/download/mini.ttl", {}), ("/static/style.css", {}), ("/nothing", {})])
def test_head_is_answered_like_get(server, path, headers):
    get = httpx.get(server + path, headers=headers, timeout=30)
    head = httpx.head(server + path, headers=headers, timeout=30)
    assert head.status_code == get.status_code
    assert head.content == b""
    drop = {"date", "server"}
    assert {k: v for k, v in head.headers.items() if k not in drop} == \
        {k: v for k, v in get.headers.items() if k not in drop}
    assert int(head.headers.get("content-length", len(get.content))) == len(get.content)


@pytest.mark.parametrize("method,path,allowed", [
    ("PUT", "/sparql", {"get", "post", "head"}),
    ("DELETE", "/id/land/DE-BW", {"get", "head"}),
    ("POST", "/api/queries", {"get", "head"}),
    ("PATCH", "/api/queries/demands", {"get", "head"}),
    ("POST", "/", {"get", "head"}),
    ("POST", "/static/style.css", {"get", "head"}),
])
def test_405_says_what_is_allowed(server, method, path, allowed):
    r = httpx.request(method, server + path, timeout=30)
    assert r.status_code == 405
    assert tokens(r.headers.get("allow")) == allowed


def test_csp_on_html_pages_only(server):
    for path in ("/", "/id/land/DE-BW", RES, STMT, "/query", "/id/land/DE-XX"):
        r = httpx.get(server + path, headers=HTML, timeout=30)
        assert r.headers["content-type"].startswith("text/html"), path
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert "object-src 'none'" in csp and "base-uri 'none'" in csp
    r = httpx.get(server + "/id/land/DE-BW", headers={"Accept": "text/turtle"})
    assert "content-security-policy" not in r.headers


class Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")


def anchors(html: str) -> list[str]:
    p = Anchors()
    p.feed(html)
    return p.hrefs


def test_javascript_iris_are_text_not_links(server):
    pages = {
        "resource page (object and incoming subject)": httpx.get(server + STMT, headers=HTML).text,
        "query page": httpx.get(server + "/query", params={
            "query": f'SELECT ?x ?y WHERE {{ BIND(IRI("{EVIL}") AS ?x) BIND(<https://example.org/ok> AS ?y) }}'},
            headers=HTML).text,
    }
    for name, html in pages.items():
        hrefs = anchors(html)
        assert hrefs, name
        assert not [h for h in hrefs if not h.startswith(("/", "http://", "https://", "?", "#"))], name
        assert "javascript:alert" in html, name  # shown, as text
    assert "https://example.org/ok" in anchors(pages["query page"])
    assert "javascript:alert(2)" in pages["resource page (object and incoming subject)"]


@pytest.mark.parametrize("accept,offered,want", [
    ("text/turtle;q=0.5, application/ld+json", conneg.GRAPHS, "application/ld+json"),
    ("text/*", conneg.GRAPHS, "text/turtle"),
    ("text/*", conneg.RESULTS, "text/csv"),
    ("application/json", conneg.RESULTS, "application/sparql-results+json"),
    ("application/json", conneg.GRAPHS, "application/ld+json"),
    ("application/xml", conneg.GRAPHS, "application/rdf+xml"),
    ("text/turtle; charset=utf-8", conneg.GRAPHS, "text/turtle"),
    ("*/*", conneg.RESULTS, "application/sparql-results+json"),
    (None, conneg.GRAPHS, "text/turtle"),
    ("application/n-triples;q=0.9, */*;q=0.1", conneg.GRAPHS, "application/n-triples"),
    ("image/png, */*;q=0", conneg.GRAPHS, None),
    ("image/png", conneg.RESULTS, None),
])
def test_negotiation(accept, offered, want):
    if want is None:
        with pytest.raises(conneg.NotAcceptable):
            conneg.negotiate(accept, offered)
    else:
        assert conneg.negotiate(accept, offered) == want


def test_browsers_get_html_clients_get_data():
    assert conneg.wants_html(HTML["Accept"])
    assert not conneg.wants_html("*/*")
    assert not conneg.wants_html("application/sparql-results+json, text/html;q=0.1")


# ---- in a real browser ------------------------------------------------------------------------

CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() and not IN_CI:
        pytest.skip("Debian chromium is not installed (/usr/bin/chromium)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="mkgraph-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}"):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def test_in_chromium_no_javascript_link_and_no_csp_violation(server, browser):
    for path in (STMT, RES, "/", "/query?query=" + httpx.QueryParams({"q": f'SELECT ?x {{ BIND(IRI("{EVIL}") AS ?x) }}'})["q"]):
        browser.get(server + path)
        protocols = browser.execute_script("return [...document.querySelectorAll('a[href]')].map(a => a.protocol)")
        assert protocols and set(protocols) <= {"http:", "https:"}, path
        if path in (STMT,) or path.startswith("/query"):
            assert "javascript:alert" in browser.find_element("tag name", "body").text
        # the page's own script and style loaded under the policy: nothing was blocked
        blocked = [e["message"] for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]
        assert blocked == [], (path, blocked)
    browser.get(server + RES)
    assert browser.execute_script("return document.querySelectorAll('mark.hl').length") > 0
    assert browser.execute_script(
        "return getComputedStyle(document.querySelector('header')).display") != ""  # the stylesheet applied


def test_service_description_is_the_same_bytes_every_time(server):
    """No blank nodes with fresh labels: GET and HEAD (and caches) see one Content-Length."""
    bodies = {httpx.get(server + "/sparql", headers={"Accept": a}).content
              for a in ("text/turtle", "text/turtle")}
    assert len(bodies) == 1
    nt = httpx.get(server + "/sparql", headers={"Accept": "application/n-triples"}).text
    assert "_:" not in nt and "#default-graph>" in nt
