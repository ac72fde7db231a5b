from __future__ import annotations

import threading

import pytest

import ocop
from ocop._demo import demo_scorecards
from ocop.errors import InvalidValue
from ocop.labels import get_language, label, language, set_language


def test_reprs_and_html():
    sheet = ocop.criteria.sheet(7, edition="26/2026")
    g = ocop.grade(demo_scorecards())
    assert repr(sheet) == "<Sheet 7 of 26/2026: Chế biến từ rau, củ, quả, hạt>"
    assert repr(g) == "<Grade sheet 7 (26/2026): total 73.33, 3★>"
    html = sheet._repr_html_()
    assert "<table>" in html and "6.5" in html and "3****" in html
    html = g._repr_html_()
    assert "73.33" in html and "3 sao" in html and "criterion 6.5" in html
    cert = ocop.Certificate(code="04-01234-1-2026", product="x", producer="y", producer_type=ocop.ProducerType.SME,
                            sheet=7, star=4, issued_by=ocop.Authority.PROVINCE, issued_on=ocop.edition(
                                "26/2026").in_force_from)
    p = ocop.Portfolio([cert])
    assert repr(p) == "<Portfolio of 1 certificates: {'4★': 1}>"
    assert "giấy chứng nhận" in p._repr_html_()
    with language("en"):
        assert "certificates" in p._repr_html_() and "Sheet 7" in sheet._repr_html_()
        assert "4 stars" in ocop.grade(demo_scorecards()[0])._repr_html_()
    eliminated = ocop.Scorecard(sheet, demo_scorecards()[0].levels, eliminations=["1.1"])
    assert "không xếp hạng" in ocop.grade(eliminated)._repr_html_()


def test_labels_switch():
    assert get_language() == "vi"
    assert label(ocop.ProducerType.COOPERATIVE) == "Hợp tác xã"
    assert label(ocop.cycle.CycleStep.IDEAS).startswith("Nhận")
    with language("en"):
        assert label(ocop.ProducerType.COOPERATIVE) == "Cooperative"
        assert label(ocop.Star.ONE) == "1 star"
        assert label(ocop.cycle.CycleStep.IDEAS) == "Receiving product ideas"
        assert label(ocop.RevocationGround.PRODUCTION_STOPPED) == "Production stopped"
    assert get_language() == "vi"
    with pytest.raises(InvalidValue):
        set_language("fr")
    with pytest.raises(InvalidValue), language("fr"):
        pass
    with pytest.raises(InvalidValue):
        label(42)


def test_language_is_per_thread():
    seen = []

    def worker():
        seen.append(get_language())

    set_language("en")
    try:
        t = threading.Thread(target=worker)
        t.start()
        t.join()
        assert get_language() == "en" and seen == ["vi"]
    finally:
        set_language("vi")


def test_frames():
    pd = pytest.importorskip("pandas")
    sheet = ocop.criteria.sheet(26, edition="26/2026")
    df = sheet.to_frame()
    assert isinstance(df, pd.DataFrame)
    assert set(df["case"].dropna()) == {"a", "b"} and df["points"].max() == 5
    g = ocop.grade(demo_scorecards())
    gf = g.to_frame()
    assert len(gf) == 32 and abs(gf["points"].sum() - 220 / 3) < 1e-9
