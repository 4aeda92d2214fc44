"""The bulk download builders as pure functions: CSV cells, lists, the dictionary."""

import csv
import io

import pytest

from outcomes.services import downloads


def read(raw: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode("utf-8"))))


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        pytest.param("=1+1", "'=1+1", id="equals"),
        pytest.param("+44 20", "'+44 20", id="plus"),
        pytest.param("-2", "'-2", id="minus"),
        pytest.param("@SUM(A1)", "'@SUM(A1)", id="at"),
        pytest.param("\tx", "'\tx", id="tab"),
        pytest.param("Plain text", "Plain text", id="plain_untouched"),
        pytest.param(None, "", id="none_is_empty"),
        pytest.param(True, "true", id="boolean"),
        pytest.param(12, "12", id="integer"),
        pytest.param(["a", "=b"], "a; =b", id="list_starting_safely"),
        pytest.param(["=a", "b"], "'=a; b", id="list_starting_with_formula"),
    ],
)
def test_csv_cells_never_run_as_formulas(value, cell):
    rows = read(downloads.csv_bytes(["column"], [{"column": value}]))

    assert rows == [["column"], [cell]]


def test_csv_is_utf8_without_bom_with_crlf_rows():
    raw = downloads.csv_bytes(["name"], [{"name": "Genève, 日本"}])

    assert raw == 'name\r\n"Genève, 日本"\r\n'.encode()


def test_message_rows_flatten_documents_and_sources():
    export = {
        "documents": [
            {
                "guid": "d1",
                "kind": "messages",
                "title": "Messages",
                "status": "final",
                "published_on": None,
                "messages": [
                    {
                        "guid": "m1",
                        "order": 1,
                        "title": "Access",
                        "text": "Text",
                        "theme": None,
                        "sdgs": [9, 17],
                        "addressed_to": ["government"],
                        "sources": [
                            {"kind": "takeaway", "session": "s1", "title": ""},
                            {"kind": "nri_report", "session": None, "title": "KIGF"},
                        ],
                    }
                ],
            }
        ]
    }

    rows = read(downloads.outcomes_csv(export))

    assert rows[0] == downloads.OUTCOMES.column_names
    assert rows[1] == [
        "d1",
        "messages",
        "Messages",
        "final",
        "",
        "m1",
        "1",
        "Access",
        "Text",
        "",
        "9; 17",
        "government",
        "takeaway:s1; nri_report:KIGF",
    ]


def test_every_dataset_column_has_a_type_and_a_meaning():
    for dataset in downloads.DATASETS:
        assert len(set(dataset.column_names)) == len(dataset.columns), dataset.stem
        for column in dataset.columns:
            assert str(column.type), column.name
            assert str(column.meaning), column.name
