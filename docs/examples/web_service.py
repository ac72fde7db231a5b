"""A grading service: POST a scorecard as JSON, get its grade back as JSON."""

from typing import Any

import cattrs
from fastapi import FastAPI, HTTPException

import ocop
from ocop.serialization import format_error, make_converter

app = FastAPI(title="OCOP grading")
converter = make_converter()


@app.post("/grade")
def grade(scorecard: dict[str, Any]) -> dict[str, Any]:
    """Grade one scorecard, in the format of `ocop schema scorecard`."""
    try:
        card = converter.structure(scorecard, ocop.Scorecard)
    except cattrs.BaseValidationError as exc:
        raise HTTPException(status_code=422, detail=format_error(exc)) from exc
    return converter.unstructure(ocop.grade(card))
