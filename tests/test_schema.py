from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import given, settings

import ocop
import ocop.strategies as ost
from ocop.errors import UnknownCriterion
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
    with pytest.raises(UnknownCriterion):
        json_schema("sheet-of-paper")
