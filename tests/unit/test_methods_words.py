"""Issue 12.7: the methods chapter states every test in plain words, with references."""

from __future__ import annotations

from svsna.config import load_definition
from svsna.report.document import environment
from svsna.report.methods import arrow_test, public_data_methods, statistics_methods
from svsna.report.view import arrow_basis, sv_versions
from svsna.results.edition import Edition


def test_the_methods_name_each_rule_and_its_reference() -> None:
    d = load_definition()
    words = {title: " ".join(paragraphs) for title, paragraphs in statistics_methods(d)}
    assert "2025-09-01" in words["Series breaks: changes of definition"]
    assert "like for like" in words["Series breaks: changes of definition"]
    assert "last day" in words["Complete periods"]
    trends = words["Trends, ratios and uncertainty"]
    for phrase in ("quasi-Poisson", "calendar month", "Fisher's exact test",
                   "Wilson score", "Benjamini-Hochberg", "sv_change"):
        assert phrase in trends, phrase
    assert "9,999 conditional permutations" in words["Hotspots"]
    assert "empirical-Bayes" in words["Hotspots"]
    references = words["References"]
    for source in ("Office for National Statistics", "Fingertips", "esda"):
        assert source in references, source
    people = words["People"]
    assert "most often" in people and "latest occurrence" in people
    assert "start at 0" in people
    counted = words["Every crime counts"]
    for phrase in ("'1A'", "'maybe'", "'25:61'", "200", "value set to unknown"):
        assert phrase in counted, phrase
    assert "like for like" in words["Costs"]


def test_public_data_methods_model_the_months_and_adjust() -> None:
    d = load_definition("police-uk")
    words = {title: " ".join(paragraphs) for title, paragraphs in public_data_methods(d)}
    trends = words["Trends and uncertainty"]
    for phrase in ("monthly counts", "quasi-Poisson", "calendar month",
                   "not tested", "Benjamini-Hochberg", "puk_proxy_change"):
        assert phrase in trends, phrase
    assert "exact conditional test" not in trends
    assert "empirical-Bayes" in words["Hotspots"] and "esda" in words["References"]
    html = environment().get_template("methods.html.j2").render(
        d=d, edition=Edition("public"), sv_versions=sv_versions(d),
        arrow_basis=arrow_basis(d),
    )
    assert "Przyborowski" not in html and "quasi-Poisson" in html
    assert "exact Poisson" not in arrow_test(d)


def test_html_and_pdf_print_the_same_methods() -> None:
    d = load_definition()
    html = environment().get_template("methods.html.j2").render(
        d=d, edition=Edition("restricted"), sv_versions=sv_versions(d),
        arrow_basis=arrow_basis(d),
    )
    for title, paragraphs in statistics_methods(d):
        assert f"<h3>{title}</h3>" in html
        assert paragraphs[0][:60].replace("'", "&#39;") in html


def test_the_methods_state_the_people_over_time_analyses() -> None:
    d = load_definition()
    words = {title: " ".join(paragraphs) for title, paragraphs in statistics_methods(d)}
    people = words["People over time"]
    for phrase in ("Fellegi-Sunter", "match probability reaches 0.95", "Kaplan-Meier",
                   "Greenwood", "censored", "3, 6, 9, 12 months", "36 months",
                   "restricted edition only", "connected components", "3 or more"):
        assert phrase in people, phrase
    for source in ("Kaplan, E. L.", "Fellegi, I. P."):
        assert source in words["References"], source
