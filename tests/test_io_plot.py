from __future__ import annotations

import pytest

import ocop
import ocop.io
from ocop.errors import InvalidValue, MixedScorecards
from ocop.labels import language

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")
from ocop.io.plot import plot_council, plot_grade  # noqa: E402

COUNCIL = ocop.io.demo_council()


def test_parts_against_maxima():
    g = ocop.grade(COUNCIL)
    ax = plot_grade(g)
    bars = ax.patches
    # Three maxima then three parts' points, in part order.
    assert [b.get_width() for b in bars[:3]] == [40, 25, 35]
    assert [round(b.get_width(), 6) for b in bars[3:]] == [33, 17, round(70 / 3, 6)]
    assert "73.33" in ax.get_title() and "3 sao" in ax.get_title()
    with language("en"):
        _, ax2 = plt.subplots()
        assert plot_grade(g, ax=ax2) is ax2 and "3 stars" in ax2.get_title()
    eliminated = ocop.grade(ocop.Scorecard(COUNCIL[0].sheet, COUNCIL[0].levels, eliminations=["1.1"]))
    assert "không xếp hạng" in plot_grade(eliminated).get_title()
    plt.close("all")


def test_council_spread():
    ax = plot_council(COUNCIL)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[:3] == ["1.1", "1.2", "1.3"] and len(labels) == 32
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert list(lines) == ["Member 1", "Member 2", "Member 3", "trung bình"]
    six_five = labels.index("6.5")
    assert [lines[m].get_ydata()[six_five] for m in ("Member 1", "Member 2", "Member 3")] == [3, 1, 3]
    assert abs(lines["trung bình"].get_ydata()[six_five] - 7 / 3) < 1e-12
    assert len(plot_council(COUNCIL[0]).get_lines()) == 2
    plt.close("all")


def test_plots_refuse_junk():
    with pytest.raises(InvalidValue):
        plot_grade(COUNCIL)
    sheet1 = ocop.criteria.sheet(1, edition="26/2026")
    other = ocop.Scorecard(sheet1, {c.number: len(c.levels) - 1 for c in sheet1.criteria})
    with pytest.raises(MixedScorecards):
        plot_council([COUNCIL[0], other])
