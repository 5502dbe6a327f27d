"""The rule engine: every case file, the meta-rules on case files, and loader failures."""
from __future__ import annotations

from pathlib import Path

import pytest
import regex
import yaml

from extract.resolve import resolve
from extract.rules import RuleError, RuleSet, default_ruleset
from extract.rules.cases import check_positive, extract_kind, load_case_files
from extract.rules.engine import CASES_DIR, RULES_DIR, RuleMatch
from extract.rules.macros import expand

REPO = Path(__file__).resolve().parent.parent
RULESET = default_ruleset()
CASES = load_case_files()


def _params(kind: str):
    for rule_id, cf in sorted(CASES.items()):
        if kind == "positive":
            for i, c in enumerate(cf.positives):
                yield pytest.param(rule_id, c, id=f"{rule_id}-{i}")
        elif kind == "negative":
            for i, t in enumerate(cf.negative_texts()):
                yield pytest.param(rule_id, t, id=f"{rule_id}-{i}")
        else:
            for i, c in enumerate(cf.gaps):
                yield pytest.param(rule_id, c, id=f"{rule_id}-{i}",
                                   marks=pytest.mark.xfail(strict=True, reason=c.reason))


@pytest.mark.parametrize("rule_id, case", list(_params("positive")))
def test_positive_cases(rule_id, case) -> None:
    kind = RULESET.get(rule_id).spec.kind
    assert check_positive(RULESET, kind, case) is None, check_positive(RULESET, kind, case)


@pytest.mark.parametrize("rule_id, text", list(_params("negative")))
def test_negative_cases(rule_id, text) -> None:
    kind = RULESET.get(rule_id).spec.kind
    assert [m.text for m in extract_kind(RULESET, text, kind)] == []


@pytest.mark.parametrize("rule_id, case", list(_params("gap")))
def test_known_gaps(rule_id, case) -> None:
    kind = RULESET.get(rule_id).spec.kind
    assert check_positive(RULESET, kind, case) is None


def test_every_rule_has_positive_and_negative_cases() -> None:
    missing = [r.id for r in RULESET.rules
               if r.id not in CASES or not CASES[r.id].positives or not CASES[r.id].negatives]
    assert missing == [], f"rules without positive and negative cases: {missing}"


def test_every_case_file_names_a_rule() -> None:
    ids = {r.id for r in RULESET.rules}
    assert sorted(set(CASES) - ids) == []
    assert {p.stem for p in CASES_DIR.glob("*.yaml")} == set(CASES)


def test_rules_are_found_by_glob() -> None:
    assert {p.stem for p in RULES_DIR.glob("*.yaml")} == {r.id for r in RULESET.rules}


def _write_rule(tmp: Path, body: str, name: str = "bad") -> Path:
    (tmp / f"{name}.yaml").write_text(body, encoding="utf-8")
    return tmp


@pytest.mark.parametrize(
    "body, message",
    [
        ("id: bad\nkind: email\ndescription: x\npatterns: [{name: p, regex: '(unclosed'}]\n", "does not compile"),
        ("id: bad\nkind: email\ndescription: x\nvalidator: nope\npatterns: [{name: p, regex: 'a'}]\n", "unknown validator"),
        ("id: bad\nkind: email\ndescription: x\nextra_field: 1\npatterns: [{name: p, regex: 'a'}]\n", "extra"),
        ("id: bad\nkind: colour\ndescription: x\npatterns: [{name: p, regex: 'a'}]\n", "kind"),
        ("id: other\nkind: email\ndescription: x\npatterns: [{name: p, regex: 'a'}]\n", "must equal the file name"),
        ("id: bad\nkind: email\ndescription: x\npatterns: [{name: p, regex: '{{NOPE}}'}]\n", "unknown macro"),
        ("id: bad\nkind: email\ndescription: x\npatterns: []\n", "at least 1"),
        ("id: bad\nkind: [\n", "not valid YAML"),
    ],
)
def test_bad_rule_files_fail_at_load(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        RuleSet.load(_write_rule(tmp_path, body))


def test_required_context(tmp_path: Path) -> None:
    _write_rule(tmp_path, "id: ctx\nkind: url\ndescription: x\ncontext: {words: [vietne], window: 20, required: true}\n"
                          "patterns: [{name: p, regex: 'ab\\.lv'}]\n", name="ctx")
    rs = RuleSet.load(tmp_path)
    assert [m.text for m in rs.find("vietne ab.lv")] == ["ab.lv"]
    assert rs.find("ab.lv un daudz cita teksta bez tā vārda") == []


def test_document_scope_context(tmp_path: Path) -> None:
    _write_rule(tmp_path, "id: ctx\nkind: url\ndescription: x\n"
                          "context: {words: [vietne], window: 5, required: true, scope: document}\n"
                          "patterns: [{name: p, regex: 'ab\\.lv'}]\n", name="ctx")
    rs = RuleSet.load(tmp_path)
    far = "ab.lv" + " un daudz cita teksta" * 20 + " logo_vietne.png"
    assert [m.text for m in rs.find(far)] == ["ab.lv"]
    assert rs.find("ab.lv un daudz cita teksta bez tā vārda") == []
    assert rs.find("ab.lv logovietne.png") == []  # inside a word, not after `_`


def test_mentions_record_rule_and_pattern() -> None:
    got = extract_kind(RULESET, "e-pasts: info@viaa.gov.lv", "email")
    assert (got[0].rule, got[0].pattern) == ("email", "address")


def _m(rule: str, start: int, end: int, priority: int = 0) -> RuleMatch:
    return RuleMatch(rule, "p", "x", start, end, "", priority)


def test_resolver_longest_then_priority_then_start() -> None:
    got = resolve([_m("a", 0, 4), _m("b", 2, 10), _m("c", 10, 12, 1), _m("d", 10, 12, 5), _m("e", 12, 14)])
    assert [m.rule for m in got] == ["b", "d", "e"]


def _anchor_texts() -> list[str]:
    """Every case text, the sample articles, and the same glued into one long text (windows merge)."""
    texts = [c.text for cf in CASES.values() for c in [*cf.positives, *cf.gaps]]
    texts += [n for cf in CASES.values() for n in cf.negative_texts()]
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted((REPO / "data" / "raw").glob("*"))
              if p.suffix in (".txt", ".md", ".html")]
    return texts + ["\n".join(texts)]


ANCHORED = [(r, p) for r in RULESET.rules for p in r.patterns if p.anchor is not None]


@pytest.mark.parametrize("rule, pat", ANCHORED, ids=[f"{r.id}:{p.name}" for r, p in ANCHORED])
def test_anchor_finds_the_same_matches_as_a_full_scan(rule, pat) -> None:
    for text in _anchor_texts():
        full = [m.span() for m in pat.regex.finditer(text)]
        assert [m.span() for m in pat.finditer(text, 2.0)] == full, (rule.id, pat.name, text[:80])


D_LEFT = expand("{{D_LEFT}}")
WITH_D_LEFT = [(r, p) for r in RULESET.rules for p in r.patterns if D_LEFT in p.regex.pattern]


def test_dates_use_the_fast_left_boundary() -> None:
    assert len(WITH_D_LEFT) >= 20  # every date pattern


@pytest.mark.parametrize("rule, pat", WITH_D_LEFT, ids=[f"{r.id}:{p.name}" for r, p in WITH_D_LEFT])
def test_fast_left_boundary_is_the_plain_look_behind(rule, pat) -> None:
    # {{D_LEFT}} (`\b` first) stands for (?<![\w.,/+-]) only where a match starts with a letter or digit
    plain = regex.compile(pat.regex.pattern.replace(D_LEFT, r"(?<![\w.,/+-])"), pat.regex.flags)
    edges = ["(2024. gada 5. maijā)", "(5. maijā - 7. jūnijā)", "-12. martā", "x12. martā", "/2024. gadā", "„šā gada maijā”"]
    for text in _anchor_texts() + edges:
        assert [m.span() for m in pat.regex.finditer(text)] == [m.span() for m in plain.finditer(text)], \
            (rule.id, pat.name, text[:80])


def test_anchor_limits_the_search_to_windows(tmp_path: Path) -> None:
    # `x\d+` anchored on `#`: a match far from any `#` is not searched for (the anchor is a promise)
    _write_rule(tmp_path, "id: anc\nkind: url\ndescription: x\n"
                          "patterns: [{name: p, regex: 'x\\d+#?', anchor: '#', anchor_window: 10}]\n", name="anc")
    rs = RuleSet.load(tmp_path)
    text = "x1# " + "a " * 40 + "x2 " + "b " * 40 + "x33#"
    assert [m.text for m in rs.find(text)] == ["x1#", "x33#"]
    assert len(rs.find(text.replace("x2 ", "x2# "))) == 3


def test_patterns_sharing_an_anchor_scan_for_it_once() -> None:
    anchor = expand("{{MONTH_ANCHOR}}")
    month = [p for r in RULESET.rules for p in r.patterns
             if p.anchor is not None and p.anchor.pattern.removeprefix("(?-f)") == anchor]
    assert len(month) >= 8  # the date rules that need a month word (and no tighter anchor) share {{MONTH_ANCHOR}}
    text = "No 12. līdz 14. jūnijam; šā gada 3. martā; 2024. gada augustā."
    cache: dict = {}
    for rule in RULESET.rules:
        rule.find(text, cache=cache)
    keys = [k for k in cache if k[0].removeprefix("(?-f)") == anchor]
    assert 1 <= len(keys) <= 2  # one scan per flag set (case-sensitive and IGNORECASE patterns)
    assert all(text[a:b].lower().startswith(("jūn", "mar", "aug")) for k in keys for a, b in cache[k])
    assert [m.text for m in RULESET.find(text) if m.kind == "date"] == [
        m.text for rule in RULESET.rules for m in rule.find(text) if m.kind == "date"]


def test_anchor_that_does_not_compile(tmp_path: Path) -> None:
    _write_rule(tmp_path, "id: bad\nkind: url\ndescription: x\npatterns: [{name: p, regex: 'a', anchor: '(b'}]\n")
    with pytest.raises(RuleError, match="anchor"):
        RuleSet.load(tmp_path)


@pytest.mark.parametrize("text,expected", [
    ("ŠĀ GADA 3. MARTĀ notika", "ŠĀ GADA 3. MARTĀ"),  # Latvian capitals fold simply
    ("No 12. līdz 14. JŪNIJAM", "No 12. līdz 14. JŪNIJAM"),
    ("2024. GADA AUGUSTĀ", "2024. GADA AUGUSTĀ"),
])
def test_case_insensitive_rules_match_latvian_capitals(text: str, expected: str) -> None:
    assert [m.text for m in resolve(RULESET.find(text)) if m.kind == "date"] == [expected]
    assert all(p.regex.pattern.startswith("(?-f)") for r in RULESET.rules for p in r.patterns
               if p.regex.flags & regex.IGNORECASE)


def test_c_yaml_parser_reads_every_data_file_as_the_python_one() -> None:
    from extract.lexicons import HERE, parse_yaml

    files = [*RULES_DIR.glob("*.yaml"), *CASES_DIR.glob("*.yaml"), *HERE.glob("*.yaml"), RULES_DIR.parent / "macros.yaml"]
    assert len(files) > 40
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert parse_yaml(text) == yaml.safe_load(text), path.name
