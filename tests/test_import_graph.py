"""The import structure the project promises (developers' guide): no import circle anywhere, loaders never
import Streamlit or the app's layers, charts never import the app, decks or the data side, and the chart
catalog sits between charts and the app: it never imports Streamlit, ui, deck or loaders. Checked with grimp
on the code as it is, so a new import that breaks a rule fails here."""

from __future__ import annotations

import grimp
import pytest

PACKAGES = ("analysis", "catalog", "charts", "deck", "deploy", "i18n", "loaders", "ui")


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*PACKAGES, include_external_packages=True)


def test_no_import_circle(graph) -> None:
    circles = []
    for module in sorted(m for m in graph.modules if m.split(".")[0] in PACKAGES):
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.split(".")[0] in PACKAGES and graph.chain_exists(importer=imported, imported=module):
                circles.append((module, imported))
    assert not circles, circles
    for a in PACKAGES:
        for b in PACKAGES:
            if a < b:
                both = graph.chain_exists(a, b, as_packages=True) and graph.chain_exists(b, a, as_packages=True)
                assert not both, f"packages {a} and {b} import each other"


@pytest.mark.parametrize(
    "low, high",
    [
        ("loaders", "streamlit"),
        ("loaders", "ui"),
        ("loaders", "charts"),
        ("loaders", "deck"),
        ("analysis", "streamlit"),
        ("analysis", "ui"),
        ("analysis", "charts"),
        ("charts", "streamlit"),
        ("charts", "ui"),
        ("charts", "deck"),
        ("charts", "loaders"),
        ("charts", "catalog"),
        ("analysis", "catalog"),
        ("loaders", "catalog"),
        ("catalog", "streamlit"),
        ("catalog", "ui"),
        ("catalog", "deck"),
        ("catalog", "loaders"),
        ("deck", "streamlit"),
        ("deck", "ui"),
    ],
)
def test_layers_do_not_reach_up(graph, low: str, high: str) -> None:
    chain = graph.find_shortest_chain(importer=low, imported=high, as_packages=True)
    assert chain is None, f"{low} reaches {high} via {' -> '.join(chain)}"
