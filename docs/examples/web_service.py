"""A grading service: POST a scorecard as JSON, get its grade back as JSON."""

from typing import Any

from fastapi import FastAPI, HTTPException

import ocop
from ocop.errors import InvalidData
from ocop.serialization import make_converter

app = FastAPI(title="OCOP grading")
converter = make_converter()


@app.post("/grade")
def grade(scorecard: dict[str, Any]) -> dict[str, Any]:
    """Grade one scorecard, in the format of `ocop schema scorecard`."""
    try:
        card = converter.structure(scorecard, ocop.Scorecard)
    except InvalidData as exc:  # every problem, each with its path: FastAPI's own 422 shape
        raise HTTPException(status_code=422, detail=exc.errors()) from exc
    return converter.unstructure(ocop.grade(card))
