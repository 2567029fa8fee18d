"""The interactive API docs are served from the installed package (no CDN: works offline, pinned by
the package version) under a CSP with no 'unsafe-inline' and no other origin."""
from __future__ import annotations

import re
from html.parser import HTMLParser

DOCS = "/api/v1/docs"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts, self.styles, self.inline, self.inline_styles = [], [], [], []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.inline_styles.append(attrs["style"])
        if tag == "script":
            self._in_script = True
            self.scripts.append(attrs.get("src"))
        elif tag == "link" and attrs.get("rel") == "stylesheet":
            self.styles.append(attrs["href"])
        elif tag == "style":
            self.inline.append("<style>")

    def handle_endtag(self, tag):
        self._in_script = self._in_script and tag != "script"

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline.append(data)


def _page(client) -> _Tags:
    response = client.get(DOCS)
    assert response.status_code == 200 and response.mimetype == "text/html"
    tags = _Tags()
    tags.feed(response.get_data(as_text=True))
    return tags


def test_the_docs_page_has_no_inline_code_and_loads_nothing_from_elsewhere(client):
    tags = _page(client)
    assert tags.inline == [] and tags.inline_styles == []
    assert None not in tags.scripts and len(tags.scripts) >= 2 and tags.styles
    for url in tags.scripts + tags.styles:
        assert url.startswith(f"{DOCS}/"), url  # same origin, under the docs' path


def test_every_asset_of_the_page_is_served_from_the_package(client):
    tags = _page(client)
    kinds = {url: "javascript" for url in tags.scripts} | {url: "css" for url in tags.styles}
    for url, kind in kinds.items():
        asset = client.get(url)
        assert asset.status_code == 200 and kind in asset.mimetype, (url, asset.status_code, asset.mimetype)
        assert len(asset.data) > 100
    bundle = next(u for u in tags.scripts if u.endswith("swagger-ui-bundle.js"))
    assert b"SwaggerUIBundle" in client.get(bundle).data
    init = next(u for u in tags.scripts if u.endswith("init.js"))
    script = client.get(init).data
    assert b"/api/v1/openapi.json" in script and b"validatorUrl: null" in script
    assert client.get(f"{DOCS}/assets/../../../../etc/passwd").status_code == 404
    assert client.get(f"{DOCS}/assets/no-such-file.js").status_code == 404


def test_no_unsafe_inline_and_no_other_origin_in_any_csp(client):
    for path in (DOCS, f"{DOCS}/assets/swagger-ui.css", "/healthz", "/"):
        csp = client.get(path).headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, (path, csp)
        assert not re.search(r"https?://", csp), (path, csp)
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
        assert directives["script-src"] == "'self'" and directives["frame-ancestors"] == "'none'"
