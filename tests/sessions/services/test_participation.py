import datetime as dt

import pytest
from django.utils import translation

from sessions.enums import Delivery
from sessions.forms import CAPTIONING_LANGUAGES_WITHOUT_CAPTIONING, ProposalForm
from sessions.models import SessionType
from sessions.services.csv_exchange import format_captioning, parse_captioning
from sessions.services.participation import (
    Participation,
    export_description,
    facet_categories,
    facet_lines,
    parse_export_description,
)

EVERYTHING = Participation(
    interpretation=("ar", "fr"),
    has_captioning=True,
    captioning=("en",),
    sign_language="International Sign",
    delivery=Delivery.ONLINE,
    spoken=("en",),
)


def test_calendar_lines_name_every_facet_in_words():
    with translation.override("en"):
        assert facet_lines(EVERYTHING) == [
            "Interpretation: Arabic, French",
            "Captioning: English",
            "Sign language: International Sign",
            "Join online: yes (online only)",
        ]
        assert facet_categories(EVERYTHING) == [
            "Interpretation",
            "Captioned",
            "Sign language",
            "Online participation",
        ]


def test_captions_without_listed_languages_are_in_the_languages_spoken():
    captioned = Participation(has_captioning=True, spoken=("es", "en"))
    with translation.override("en"):
        assert "Captioning: Spanish, English" in facet_lines(captioned)


def test_an_onsite_session_without_facets_says_it_cannot_be_joined_online():
    onsite = Participation(delivery=Delivery.ONSITE)
    with translation.override("en"):
        assert facet_lines(onsite) == ["Join online: no (onsite only)"]
        assert facet_categories(onsite) == []


@pytest.mark.parametrize(
    "participation",
    [
        pytest.param(EVERYTHING, id="everything"),
        pytest.param(Participation(), id="nothing"),
        pytest.param(
            Participation(has_captioning=True, delivery=Delivery.ONSITE),
            id="captions_in_the_spoken_languages",
        ),
    ],
)
def test_export_description_reads_back_as_the_same_fields(participation):
    fields = parse_export_description(export_description(participation))

    assert fields == {
        "interpretation_languages": list(participation.interpretation),
        "has_captioning": participation.has_captioning,
        "captioning_languages": list(participation.captioning),
        "sign_language": participation.sign_language,
        "delivery": participation.delivery,
    }


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("A talk about data.", id="prose"),
        pytest.param("Interpretation: fr", id="no_delivery"),
        pytest.param("Interpretation: xx\nDelivery: hybrid", id="unknown_language"),
        pytest.param("Delivery: by post", id="unknown_delivery"),
        pytest.param("Delivery: hybrid\nMore text.", id="with_prose"),
        pytest.param("", id="empty"),
    ],
)
def test_other_descriptions_are_not_taken_for_facets(text):
    assert parse_export_description(text) is None


def test_export_description_keeps_sign_language_on_one_line():
    text = export_description(Participation(sign_language="Kenyan\nSign  Language"))
    assert text.splitlines()[0] == "Sign language: Kenyan Sign Language"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("", (False, [], [])),
        ("yes", (True, [], [])),
        ("en; French", (True, ["en", "fr"], [])),
        ("en; Klingon", (True, ["en"], ["Klingon"])),
    ],
)
def test_csv_captioning_cell(cell, expected):
    assert parse_captioning(cell) == expected


def test_csv_captioning_cell_written_as_read():
    assert format_captioning(False, ["en"]) == ""
    assert format_captioning(True, []) == "yes"
    assert parse_captioning(format_captioning(True, ["ar", "en"])) == (
        True,
        ["ar", "en"],
        [],
    )


# --- the proposal form ---------------------------------------------------------------------


@pytest.fixture
def proposal_form(programme_scene):
    def build(**data):
        workshop: SessionType = programme_scene["workshop"]
        return ProposalForm(
            {
                "title": "Data flows",
                "action": "draft",
                "discussion_format": "panel",
                "delivery": "hybrid",
                "duration_minutes": workshop.allowed_durations[0],
                **data,
            },
            edition=programme_scene["edition"],
            now=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
            session_type=workshop,
        )

    return build


@pytest.mark.django_db
def test_captioning_languages_need_captioning_ticked(proposal_form):
    form = proposal_form(captioning_languages=["en"])

    assert not form.is_valid()
    assert form.errors["captioning_languages"] == [
        str(CAPTIONING_LANGUAGES_WITHOUT_CAPTIONING)
    ]


@pytest.mark.django_db
def test_interpretation_and_captioning_take_only_un_languages(proposal_form):
    form = proposal_form(
        has_captioning="on",
        captioning_languages=["xx"],
        interpretation_languages=["de"],
    )

    assert not form.is_valid()
    assert "xx is not one of the available choices" in str(
        form.errors["captioning_languages"]
    )
    assert "de is not one of the available choices" in str(
        form.errors["interpretation_languages"]
    )


@pytest.mark.django_db
def test_proposal_content_carries_the_facets(proposal_form):
    form = proposal_form(
        has_captioning="on",
        captioning_languages=["en"],
        interpretation_languages=["fr", "es"],
        sign_language="  International   Sign ",
    )
    assert form.is_valid(), form.errors

    content = form.content().as_fields()
    assert {
        key: content[key]
        for key in (
            "has_captioning",
            "captioning_languages",
            "interpretation_languages",
            "sign_language",
        )
    } == {
        "has_captioning": True,
        "captioning_languages": ["en"],
        "interpretation_languages": ["fr", "es"],
        "sign_language": "International Sign",
    }
