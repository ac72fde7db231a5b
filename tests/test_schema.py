from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import given, settings

import ocop
import ocop.strategies as ost
from ocop.errors import InvalidValue
from ocop.serialization import json_schema, make_converter

CONV = make_converter()


def validator(name):
    schema = json_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


VALIDATORS = {name: validator(name) for name in ("scorecard", "grade", "certificate", "portfolio")}


def as_json(value):
    return json.loads(json.dumps(CONV.unstructure(value)))


@given(ost.scorecards())
def test_scorecards_validate(card):
    VALIDATORS["scorecard"].validate(as_json(card))
    VALIDATORS["grade"].validate(as_json(ocop.grade(card)))


@settings(max_examples=30)
@given(ost.portfolios(max_size=5))
def test_certificates_and_portfolios_validate(portfolio):
    VALIDATORS["portfolio"].validate(as_json(portfolio))
    for cert in portfolio:
        VALIDATORS["certificate"].validate(as_json(cert))


def test_schema_rejects_bad_payloads():
    from ocop._demo import demo_scorecards

    card = as_json(demo_scorecards()[0])
    for mutate in (
        lambda d: d.update(surprise=1),
        lambda d: d.update(levels=[1, 2]),
        lambda d: d["sheet"].update(code=27),
        lambda d: d.update(eliminations="1.1"),
    ):
        bad = json.loads(json.dumps(card))
        mutate(bad)
        with pytest.raises(jsonschema.ValidationError):
            VALIDATORS["scorecard"].validate(bad)
    cert = as_json(ocop.Certificate(code="04-01234-1-2024", product="x", producer="y", sheet=6, star=3,
                                    producer_type=ocop.ProducerType.SME, issued_by=ocop.Authority.DISTRICT,
                                    issued_on=__import__("datetime").date(2024, 1, 1)))
    cert["star"] = "four"
    cert["code"] = "T-X-STT-YYYY"
    assert len(list(VALIDATORS["certificate"].iter_errors(cert))) >= 1


def test_unknown_schema_name():
    for bad in ("sheet-of-paper", None, 3):
        with pytest.raises(InvalidValue) as info:
            json_schema(bad)
        assert not isinstance(info.value, LookupError) and info.value.field == "name"
    with pytest.raises(InvalidValue):
        json_schema("grade", ref_template="#/components/schemas/")


def test_one_format_for_the_converter_the_schema_and_the_cli(capsys, tmp_path):
    import io

    from ocop.__main__ import main
    from ocop._demo import COUNCIL
    from ocop.serialization import loads

    cards = [{"sheet": {"edition": "26/2026", "code": 7}, "points": points, "evaluator": name}
             for name, points in COUNCIL.items()]
    for card in cards:
        VALIDATORS["scorecard"].validate(card)
    council = loads(json.dumps(cards), tuple[ocop.Scorecard, ...])
    assert council == tuple(__import__("ocop._demo", fromlist=["x"]).demo_scorecards())
    by_levels = [as_json(c) for c in council]
    for payload in (cards, by_levels, cards[0], by_levels[0]):
        status = main(["grade", "-", "--json"], stdin=io.StringIO(json.dumps(payload)))
        out = capsys.readouterr().out
        assert status == 0
        VALIDATORS["grade"].validate(json.loads(out))
        assert CONV.structure(json.loads(out), ocop.Grade) == ocop.grade(
            council if isinstance(payload, list) else council[0])
    both = {**cards[0], "levels": by_levels[0]["levels"]}
    with pytest.raises(jsonschema.ValidationError):
        VALIDATORS["scorecard"].validate(both)
    with pytest.raises(ocop.errors.InvalidData):
        loads(json.dumps(both), ocop.Scorecard)
    assert main(["grade", "-"], stdin=io.StringIO(json.dumps([{**cards[0], "sheet": 7}]))) == 2
    assert "$[0].sheet" in capsys.readouterr().err


def test_openapi_friendly_schema():
    schema = json_schema("grade", ref_template="#/components/schemas/{model}")
    assert schema["$ref"] == "#/components/schemas/Grade"
    assert schema["$defs"]["UnmetMinimum"]["description"].startswith("A starred minimum level")
    text = json.dumps(schema)
    assert "#/$defs/" not in text
    document = {"openapi": "3.1.0", "components": {"schemas": schema["$defs"]}}
    jsonschema.Draft202012Validator({**document["components"]["schemas"]["Grade"],
                                     "components": document["components"]}).validate(
        as_json(ocop.grade(__import__("ocop._demo", fromlist=["x"]).demo_scorecards())))


# --- schema and converter agree ----------------------------------------------------------------
# hypothesis-jsonschema 0.23.1 fails on objects with the Hypothesis release in use
# ("'many' object has no attribute 'more'"); this generator covers the keywords that
# ocop's schemas use, and nothing else (an unknown keyword fails the test).

from hypothesis import HealthCheck  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

KNOWN = {"$schema", "$id", "title", "description", "$defs", "$ref", "type", "properties", "required",
         "additionalProperties", "anyOf", "oneOf", "enum", "items", "uniqueItems", "pattern", "format",
         "minimum", "maximum"}


def from_schema(schema, root=None):
    root = root or schema
    assert set(schema) <= KNOWN, set(schema) - KNOWN
    if "$ref" in schema:
        return st.deferred(lambda: from_schema(root["$defs"][schema["$ref"].rsplit("/", 1)[1]], root))
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "anyOf" in schema or ("oneOf" in schema and "type" not in schema):
        return st.one_of([from_schema(s, root) for s in schema.get("anyOf", schema.get("oneOf"))])
    kind = schema["type"]
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        return st.integers(schema.get("minimum"), schema.get("maximum"))
    if kind == "string":
        pattern = schema.get("pattern", "^.{0,8}$")
        return st.from_regex(pattern.removeprefix("^").removesuffix("$"), fullmatch=True)
    if kind == "array":
        unique = (lambda x: json.dumps(x, sort_keys=True)) if schema.get("uniqueItems") else None
        return st.lists(from_schema(schema["items"], root), max_size=3, unique_by=unique)
    assert kind == "object"
    if "properties" not in schema:
        return st.dictionaries(st.text(max_size=5), from_schema(schema["additionalProperties"], root), max_size=3)
    required = schema["required"]
    choices = [r["required"] for r in schema.get("oneOf", [])] or [[]]

    @st.composite
    def build(draw):
        extra = draw(st.sampled_from(choices))
        out = {}
        for name, sub in schema["properties"].items():
            others = [n for c in choices for n in c if c is not extra]
            if name in others:
                continue
            if name in required or name in extra or draw(st.booleans()):
                out[name] = draw(from_schema(sub, root))
        return out

    return build()

# Problems a JSON Schema can express: the converter must never report one for an instance
# the schema accepts.  (What a schema cannot say — a level that exists on its criterion, a
# day that exists, a grade that adds up — the converter checks on top.)
SCHEMA_LEVEL = ("wrong type", "expected an", "not an ISO date", "not exact points", "not a ", "repeated item",
                "unknown fields", "required field missing", "not an edition code", "not a product code")


def schema_level_problems(exc):
    return [e for e in exc.errors() if any(k in e["msg"] for k in SCHEMA_LEVEL)]


@pytest.mark.parametrize("name", ["scorecard", "certificate", "portfolio", "grade"])
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_schema_instances_pass_the_converters_type_checks(name, data):
    instance = data.draw(from_schema(json_schema(name)))
    try:
        CONV.structure(instance, {"scorecard": ocop.Scorecard, "grade": ocop.Grade, "certificate": ocop.Certificate,
                                  "portfolio": ocop.Portfolio}[name])
    except ocop.errors.InvalidData as exc:
        assert schema_level_problems(exc) == [], instance


def _mutations(payload):
    def paths(node, prefix=()):
        if prefix:
            yield prefix
        if isinstance(node, dict):
            for k, v in node.items():
                yield from paths(v, (*prefix, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield from paths(v, (*prefix, i))

    return st.tuples(st.sampled_from(list(paths(payload))),
                     st.sampled_from(["3", 3, 3.5, True, None, [], {}, "2026-13-01", "1e9", "x"]))


@pytest.mark.parametrize("name", ["scorecard", "certificate", "grade"])
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_what_the_schema_refuses_the_converter_refuses(name, data):
    from ocop._demo import demo_scorecards

    value = {"scorecard": demo_scorecards()[0], "grade": ocop.grade(demo_scorecards()),
             "certificate": ocop.Certificate(code="04-01234-1-2024", product="x", producer="y", sheet=6, star=3,
                                             producer_type=ocop.ProducerType.SME, issued_by=ocop.Authority.DISTRICT,
                                             issued_on=__import__("datetime").date(2024, 1, 1))}[name]
    payload = as_json(value)
    path, new = data.draw(_mutations(payload))
    target = payload
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    if VALIDATORS[name].is_valid(payload):
        return
    with pytest.raises(ocop.errors.InvalidData):
        CONV.structure(payload, type(value))
