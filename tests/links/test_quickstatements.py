"""`ceso export --format quickstatements`: our sourced memberships of linked states as QuickStatements v1
lines, checked line by line against lines written by hand from tests/links/fixtures/ceso-links.ttl."""

from __future__ import annotations

import re

import pytest

from links_support import ceso, tree as source_tree

T = "\t"
# Kazakhstan in the CSTO: day precision, no end; role FullMember mapped by exactMatch (its closeMatch loses);
# reference from cit:charter (it sorts before cit:news): stated in the work's item, the citation's URL, accessed.
KAZAKHSTAN_CSTO = T.join(["Q232", "P463", "Q318693", "P580", "+2002-10-07T00:00:00Z/11", "P2868", "Q99000030",
                          "S248", "Q99000020", "S854", '"https://example.org/charter#art1"', "S813", "+2026-11-28T00:00:00Z/11"])
# Russia, observer of the SCO: month and year precision, end cause; the URL is the work's, no access date.
RUSSIA_SCO_OBSERVER = T.join(["Q159", "P463", "Q485207", "P580", "+2004-06-00T00:00:00Z/10", "P582", "+2005-00-00T00:00:00Z/9",
                              "P2868", "Q99000031", "P1534", "Q99000032", "S854", '"https://example.org/news"'])
# Left out: Russia as full member (no usable reference) and Kyrgyzstan in the CST (the CST is not linked).

CELL = {
    "item": re.compile(r"Q[1-9]\d*"),
    "time": re.compile(r"\+\d{4}-\d\d-\d\dT00:00:00Z/(9|10|11)"),
    "string": re.compile(r'"[^"\t\n]*"'),
}
VALUE_KIND = {"P580": "time", "P582": "time", "P2868": "item", "P1534": "item",
              "S248": "item", "S854": "string", "S813": "time"}
ORDER = list(VALUE_KIND)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    base = tmp_path_factory.mktemp("qs")
    source = source_tree(base / "src", "ceso-links.ttl", "mappings.ttl")
    done = ceso("export", "--format", "quickstatements", root=base / "build", source=source)
    return {"done": done, "root": base / "build", "source": source, "base": base}


def test_lines_are_exactly_the_sourced_linked_memberships(exported):
    done = exported["done"]
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("\n")
    assert done.stdout.split("\n")[:-1] == [KAZAKHSTAN_CSTO, RUSSIA_SCO_OBSERVER]
    assert done.stderr.splitlines()[-3:] == [
        "2 QuickStatements line(s)",
        "1 membership(s) left out: no citation with a URL or a Wikidata item for the work",
        "1 membership(s) left out: state or organization not linked to exactly one Wikidata item",
    ]


def test_each_line_is_well_formed_quickstatements_v1(exported):
    for line in exported["done"].stdout.splitlines():
        cells = line.split("\t")
        assert CELL["item"].fullmatch(cells[0]) and cells[1] == "P463" and CELL["item"].fullmatch(cells[2])
        pairs = list(zip(cells[3::2], cells[4::2]))
        assert len(cells) % 2 == 1 and pairs, line
        keys = [key for key, _ in pairs]
        assert keys == sorted(keys, key=ORDER.index), line  # qualifiers before the reference, in a fixed order
        assert len(set(keys)) == len(keys)
        assert any(key.startswith("S") for key in keys), "every line carries a reference"
        for key, value in pairs:
            assert CELL[VALUE_KIND[key]].fullmatch(value), (key, value)


def test_unmapped_roles_and_end_causes_are_left_out_not_guessed(tmp_path):
    source = source_tree(tmp_path / "src", "ceso-links.ttl")  # without mappings.ttl
    done = ceso("export", "--format", "quickstatements", root=tmp_path / "build", source=source)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        T.join(["Q232", "P463", "Q318693", "P580", "+2002-10-07T00:00:00Z/11", "S248", "Q99000020",
                "S854", '"https://example.org/charter#art1"', "S813", "+2026-11-28T00:00:00Z/11"]),
    ]
    # Russia's observer period would read as plain "member of" without its role: it is left out, and said so.
    assert "1 membership(s) left out: status other than full member with no Wikidata item for P2868" in done.stderr


def test_output_file_and_graph_option(exported):
    out = exported["base"] / "lines.qs"
    done = ceso("export", "--format", "quickstatements", "-o", str(out), root=exported["root"], source=exported["source"])
    assert done.returncode == 0 and done.stdout == ""
    assert out.read_text(encoding="utf-8") == exported["done"].stdout
    refused = ceso("export", "--format", "quickstatements", "--graph", "instances",
                   root=exported["root"], source=exported["source"])
    assert refused.returncode == 2 and "--graph does not apply" in refused.stderr
