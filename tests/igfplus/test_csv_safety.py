import pytest

from igfplus.csv_safety import defuse_formula, restore_formula


@pytest.mark.parametrize(
    ("value", "defused"),
    [
        pytest.param('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")', id="equals"),
        pytest.param("+1 555", "'+1 555", id="plus"),
        pytest.param("-2+3", "'-2+3", id="minus"),
        pytest.param("@SUM(A1)", "'@SUM(A1)", id="at"),
        pytest.param("\t=1", "'\t=1", id="tab"),
        pytest.param("\r=1", "'\r=1", id="carriage_return"),
        pytest.param("Good = strong", "Good = strong", id="inside_text_ok"),
        pytest.param("'Tis the season", "'Tis the season", id="apostrophe_kept"),
        pytest.param("", "", id="empty"),
    ],
)
def test_defuse_formula_round_trips(value, defused):
    assert defuse_formula(value) == defused
    assert restore_formula(defused) == value


@pytest.mark.parametrize(
    ("value", "defused"),
    [pytest.param(4, "4", id="number"), pytest.param(None, "", id="none")],
)
def test_defuse_formula_takes_any_value(value, defused):
    assert defuse_formula(value) == defused
