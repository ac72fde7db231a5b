from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

import ocop

from ocop.__main__ import main
from ocop._demo import COUNCIL


def run(capsys, *argv, stdin=""):
    status = main(list(argv), stdin=io.StringIO(stdin))
    out, err = capsys.readouterr()
    return status, out, err


def test_demo(capsys):
    status, out, _ = run(capsys, "demo")
    assert status == 0 and "Final star : 3★" in out and "73.33" in out


def test_sheets(capsys):
    status, out, _ = run(capsys, "sheets")
    assert status == 0 and len(out.splitlines()) == 26
    status, out, _ = run(capsys, "sheets", "7", "--edition", "26/2026")
    assert "6.5" in out and "3****" in out and "5*****" in out


def test_grade_one_and_council(capsys, tmp_path):
    path = tmp_path / "card.json"
    path.write_text(json.dumps({"sheet": 7, "edition": "26/2026", "points": COUNCIL["Member 1"]}))
    status, out, _ = run(capsys, "grade", str(path))
    assert status == 0 and "total 74; 4★" in out
    council = {"sheet": 7, "edition": "26/2026",
               "members": [{"evaluator": k, "points": v} for k, v in COUNCIL.items()]}
    status, out, _ = run(capsys, "grade", "-", "--json", stdin=json.dumps(council))
    data = json.loads(out)
    assert status == 0 and data["total"] == "220/3" and data["star"] == 3 and data["band"] == 4


def test_advise(capsys):
    card = {"sheet": 7, "edition": "26/2026", "points": COUNCIL["Member 2"]}
    status, out, _ = run(capsys, "advise", "-", "--to", "4", stdin=json.dumps(card))
    assert status == 0 and "6.5: level 1 (1) → level 2 (3)" in out
    council = {"sheet": 7, "members": [{"points": v} for v in COUNCIL.values()]}
    status, out, _ = run(capsys, "advise", "-", "--to", "4", stdin=json.dumps(council))
    assert status == 0 and "to reach 4★" in out
    # The plan starts from the council floor (members' lowest levels), and says so next to the grade.
    floor = {n: min(p[n] for p in COUNCIL.values()) for n in COUNCIL["Member 1"]}
    floor_total = sum(floor.values())
    assert floor_total == 69
    assert f"council floor (each criterion at the members' lowest level): total {floor_total}, 3★" in out
    assert "the council's own grade (averages): total 73.33, 3★" in out


def test_advise_json_names_the_reading(capsys):
    council = {"sheet": 7, "edition": "26/2026", "members": [{"points": v} for v in COUNCIL.values()]}
    status, out, _ = run(capsys, "advise", "-", "--json", stdin=json.dumps(council))
    data = json.loads(out)
    assert status == 0 and data["reading"] == "council floor" and data["council"]["total"] == "220/3"
    assert data["starts_from"]["total"] == "69" and data["after"]["star"] == 4
    assert data["changes"] == [{"criterion": "6.5", "from_level": 1, "to_level": 2, "from_points": 1,
                                "to_points": 3, "satisfies": [4], "cost": 1.0}]
    card = {"sheet": 7, "edition": "26/2026", "points": COUNCIL["Member 1"]}
    data = json.loads(run(capsys, "advise", "-", "--json", "--to", "4", stdin=json.dumps(card))[1])
    assert data["reading"] == "scorecard" and data["council"] is None and data["changes"] == []


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and capsys.readouterr().out.strip() == f"ocop {ocop.__version__}"


@pytest.mark.parametrize("command", ["grade", "advise", "certificate"])
def test_help_shows_the_file_format(capsys, command):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert "--json" in out and ('"points"' in out or '"issued_on"' in out)
    if command == "advise":
        assert "council floor" in out


def test_every_command_has_json(capsys, tmp_path):
    status, out, _ = run(capsys, "demo", "--json")
    assert status == 0 and json.loads(out)["total"] == "220/3"
    status, out, _ = run(capsys, "sheets", "--json", "--edition", "26/2026")
    assert status == 0 and [s["code"] for s in json.loads(out)] == list(range(1, 27))
    status, out, _ = run(capsys, "sheets", "7", "--json", "--edition", "26/2026")
    assert status == 0 and json.loads(out)["code"] == 7
    status, out, _ = run(capsys, "schema", "grade", "--json")
    assert status == 0 and isinstance(json.loads(out), dict)


def test_safe_on_any_stdout_encoding():
    # An ASCII terminal: "★" and Vietnamese are replaced, the command does not crash.
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run([sys.executable, "-m", "ocop", "demo"], capture_output=True, env=env, check=False)
    assert done.returncode == 0 and b"3?" in done.stdout


@pytest.mark.parametrize(
    ("stdin", "needle"),
    [
        ("{bad json", "not valid JSON"),
        ("[]", "a JSON object"),
        ('{"sheet": 7, "colour": 1}', "colour"),
        ('{"sheet": 99, "points": {}}', "sheet: got 99"),
        ('{"sheet": 7, "points": {"1.1": 9}}', "points['1.1']: got 9"),
        ('{"sheet": 7, "points": {"1.1": 3}}', "misses criteria"),
        ('{"sheet": 7, "members": []}', "$.members"),
        ('{"sheet": 7, "members": [{"points": 3}]}', "$.members[0].points"),
    ],
)
def test_errors_go_to_stderr_with_status_2(capsys, stdin, needle):
    status, out, err = run(capsys, "grade", "-", stdin=stdin)
    assert status == 2 and out == "" and needle in err and err.startswith("ocop: error:")


def test_missing_file(capsys, tmp_path):
    status, _, err = run(capsys, "grade", str(tmp_path / "nope.json"))
    assert status == 2 and "cannot read" in err


def test_certificate_and_schema(capsys):
    cert = {"code": "04-01234-1-2024", "product": "Miến dong", "producer": "HTX A", "producer_type": "cooperative",
            "sheet": 6, "star": 3, "issued_by": "district", "issued_on": "2024-02-29", "edition": "148/2023",
            "revocation": None, "renewal": None, "superseded_on": None, "supersedes": None}
    status, out, _ = run(capsys, "certificate", "-", "--on", "2027-03-01", stdin=json.dumps(cert))
    assert status == 0 and "expired on 2027-03-01" in out and "2027-02-28" in out
    status, out, _ = run(capsys, "certificate", "-", "--on", "2027-03-01", "--json", stdin=json.dumps(cert))
    data = json.loads(out)
    assert data["status"] == "expired" and data["valid"] is False and data["valid_until"] == "2027-02-28"
    status, _, err = run(capsys, "certificate", "-", "--on", "01/03/2027", stdin=json.dumps(cert))
    assert status == 2 and "--on" in err
    status, _, err = run(capsys, "certificate", "-", "--on", "2027-03-01", stdin=json.dumps({**cert, "star": 2}))
    assert status == 2 and "star" in err
    status, out, _ = run(capsys, "schema", "certificate")
    assert status == 0 and json.loads(out)["$ref"] == "#/$defs/Certificate"


def test_a_stream_without_reconfigure_is_left_alone(capsys, monkeypatch):
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["sheets", "--edition", "26/2026"]) == 0 and len(out.getvalue().splitlines()) == 26
