"""The "Embed in a web service" example, run as a client would."""

from __future__ import annotations

import json
import pathlib
import runpy

import pytest

import ocop
import ocop.io
from ocop.serialization import make_converter

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
from fastapi.testclient import TestClient  # noqa: E402

DOCS = pathlib.Path(__file__).parent.parent / "docs"
app = runpy.run_path(str(DOCS / "examples" / "web_service.py"))["app"]
client = TestClient(app)
conv = make_converter()
CARD = conv.unstructure(ocop.io.demo_council()[1])


def test_a_scorecard_in_its_grade_out():
    answer = client.post("/grade", json=CARD)
    assert answer.status_code == 200
    data = answer.json()
    # Member 2's points on sheet 7, summed by hand from the demo's table: 69, 3★, 6.5 short of 4★.
    assert data["total"] == "69" and data["star"] == 3 and data["band"] == 3
    assert data["part_points"] == {"A": "33", "B": "16", "C": "20"}
    assert data["unmet"][0]["criterion"] == "6.5" and data["unmet"][0]["star"] == 4
    assert conv.structure(data, ocop.Grade) == ocop.grade(ocop.io.demo_council()[1])


def test_refusals_are_422_with_the_librarys_messages():
    bad = {**CARD, "levels": {**CARD["levels"], "6.5": 9}}
    answer = client.post("/grade", json=bad)
    assert answer.status_code == 422
    [error] = answer.json()["detail"]
    assert error["loc"] == ["levels", "6.5"] and error["type"] == "UnknownLevel" and error["value"] == 9
    assert error["allowed"] == [0, 1, 2, 3, None] and error["msg"].startswith("Unknown level")
    page = (DOCS / "web-service.md").read_text(encoding="utf-8")
    assert json.dumps({"detail": [error]}, ensure_ascii=False) in page  # the page shows the real answer
    for junk in ([1, 2], "grade me", None, {"sheet": 1}, {**CARD, "levels": {"1.1": "3"}}):
        assert client.post("/grade", json=junk).status_code == 422
    # JSON numbers out of float range reach the service as inf, and the answer must still be JSON
    for number in ("1e999", "-1e999", "NaN"):
        text = json.dumps(CARD).replace('"6.5": ' + json.dumps(CARD["levels"]["6.5"]), '"6.5": ' + number)
        answer = client.post("/grade", content=text, headers={"content-type": "application/json"})
        assert answer.status_code == 422, answer.text
        assert answer.json()["detail"][0]["loc"] == ["levels", "6.5"]


def test_the_page_shows_the_real_answer():
    page = (DOCS / "web-service.md").read_text(encoding="utf-8")
    data = client.post("/grade", json=CARD).json()
    assert '"part_points": {"A": "33", "B": "16", "C": "20"}, "total": "69", "band": 3, "star": 3' in page
    assert data["part_points"] == {"A": "33", "B": "16", "C": "20"} and data["total"] == "69"
