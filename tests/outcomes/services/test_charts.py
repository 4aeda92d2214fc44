import pytest

from outcomes.services.charts import (
    PALETTE,
    Series,
    make_series,
    sankey,
    stacked_bars,
    text_colour,
    three_stage_links,
    top_with_other,
)

TWO = [Series("a", "A", "#0072B2"), Series("b", "B", "#E69F00", "pattern-dots")]


def test_stacked_bars_scale_the_longest_bar_to_the_plot():
    chart = stacked_bars(
        [("CSTD", [3, 1]), ("HRC", [0, 2])],
        TWO,
        width=500,
        label_width=100,
        total_width=0,
        bar_height=20,
        gap=10,
    )

    assert chart.maximum == 4
    assert chart.height == 60
    assert chart.axis_x == 100
    cstd, hrc = chart.bars
    assert (cstd.label, cstd.total, cstd.y, cstd.middle_y) == ("CSTD", 4, 5, 15)
    assert [(s.series.key, s.value, s.x, s.width) for s in cstd.segments] == [
        ("a", 3, 100, 300),
        ("b", 1, 400, 100),
    ]
    # A zero value draws no segment.
    assert [(s.series.key, s.x, s.width) for s in hrc.segments] == [("b", 100, 200)]
    assert (cstd.label_x, cstd.total_x) == (92, 506)
    assert chart.total == 6
    assert chart.largest == cstd


def test_stacked_bars_mirror_for_right_to_left():
    chart = stacked_bars(
        [("CSTD", [3, 1])],
        TWO,
        width=500,
        label_width=100,
        total_width=0,
        rtl=True,
    )

    (bar,) = chart.bars
    assert chart.axis_x == 400
    assert [(s.x, s.width) for s in bar.segments] == [(100, 300), (0, 100)]
    assert (bar.label_x, bar.total_x) == (408, -6)


def test_stacked_bars_without_data_are_empty():
    chart = stacked_bars([], TWO)

    assert chart.is_empty
    assert chart.bars == ()
    assert chart.largest is None
    assert chart.total == 0


def test_stacked_bars_refuse_a_row_of_the_wrong_length():
    with pytest.raises(ValueError, match="'CSTD' has 1 values for 2 series"):
        stacked_bars([("CSTD", [1])], TWO)


@pytest.mark.parametrize(
    ("width", "is_labelled"), [("wide", True), ("narrow", False)], ids=str
)
def test_a_segment_carries_its_count_only_when_it_fits(width, is_labelled):
    values = [1, 0] if width == "wide" else [1, 99]
    chart = stacked_bars(
        [("x", values)], TWO, width=420, label_width=200, total_width=20
    )

    assert chart.bars[0].segments[0].is_labelled is is_labelled


def test_series_take_the_palette_in_order_and_patterns_in_turn():
    series = make_series([("a", "A"), ("b", "B"), ("c", "C")], patterns=["p1", "p2"])

    assert [(s.fill, s.pattern) for s in series] == [
        (PALETTE[0], "p1"),
        (PALETTE[1], "p2"),
        (PALETTE[2], "p1"),
    ]


@pytest.mark.parametrize(
    ("fill", "expected"),
    [("#0072B2", "#ffffff"), ("#F0E442", "#000000"), ("#999999", "#000000")],
    ids=["dark_blue", "yellow", "grey"],
)
def test_text_colour_keeps_counts_readable(fill, expected):
    assert text_colour(fill) == expected


def _flow():
    columns = [
        [("t:access", "Access"), ("t:trust", "Trust")],
        [("f:cstd", "CSTD")],
        [("s:sent", "Sent"), ("s:reflected", "Reflected"), ("s:none", "No action")],
    ]
    links = [
        ("t:access", "f:cstd", 30),
        ("t:trust", "f:cstd", 10),
        ("f:cstd", "s:sent", 15),
        ("f:cstd", "s:reflected", 25),
    ]
    return columns, links


def test_sankey_places_nodes_on_one_scale_and_drops_empty_ones():
    columns, links = _flow()
    chart = sankey(
        columns,
        links,
        width=400,
        height=210,
        node_width=10,
        node_gap=10,
        label_width=50,
    )

    nodes = {node.key: node for node in chart.nodes}
    assert "s:none" not in nodes
    # The tightest column (two nodes, one gap) sets the scale: 200 px for 40.
    assert [(n.x, n.y, n.height) for n in chart.nodes] == [
        (50, 0, 150),
        (50, 160, 50),
        (195, 0, 200),
        (340, 0, 75),
        (340, 85, 125),
    ]
    assert (nodes["t:access"].label_x, nodes["t:access"].label_anchor) == (44, "end")
    assert (nodes["f:cstd"].label_x, nodes["f:cstd"].label_anchor) == (211, "start")
    assert nodes["f:cstd"].value == 40


def test_sankey_stacks_links_at_both_ends_in_node_order():
    columns, links = _flow()
    chart = sankey(
        columns,
        links,
        width=400,
        height=210,
        node_width=10,
        node_gap=10,
        label_width=50,
    )

    paths = {(link.source, link.target): link for link in chart.links}
    access = paths[("t:access", "f:cstd")]
    trust = paths[("t:trust", "f:cstd")]
    assert (access.thickness, trust.thickness) == (150, 50)
    assert (
        access.path
        == "M60,0 C127.5,0 127.5,0 195,0 L195,150 C127.5,150 127.5,150 60,150 Z"
    )
    assert trust.path == (
        "M60,160 C127.5,160 127.5,150 195,150 L195,200 C127.5,200 127.5,210 60,210 Z"
    )
    reflected = paths[("f:cstd", "s:reflected")]
    assert reflected.path.startswith("M205,75 ")
    assert (reflected.source_label, reflected.target_label) == ("CSTD", "Reflected")


def test_sankey_mirrors_for_right_to_left():
    columns, links = _flow()
    chart = sankey(
        columns,
        links,
        width=400,
        height=210,
        node_width=10,
        node_gap=10,
        label_width=50,
        rtl=True,
    )

    nodes = {node.key: node for node in chart.nodes}
    assert (nodes["t:access"].x, nodes["s:sent"].x) == (340, 50)
    assert (nodes["t:access"].label_x, nodes["t:access"].label_anchor) == (356, "end")
    link = next(link for link in chart.links if link.source == "t:access")
    assert link.path.startswith("M340,0 ")
    assert " 205,0 L205,150 " in link.path


def test_sankey_refuses_a_link_that_skips_a_column():
    columns, _links = _flow()

    with pytest.raises(ValueError, match="skips or reverses"):
        sankey(columns, [("t:access", "s:sent", 1)])


def test_sankey_without_flows_is_empty():
    chart = sankey(_flow()[0], [])

    assert chart.is_empty
    assert chart.nodes == ()


@pytest.mark.parametrize(
    ("keep", "expected"),
    [
        (3, {"a": "a", "b": "b", "c": "c", "d": "d"}),  # folding one hides a name
        (2, {"a": "a", "b": "b", "c": "Other", "d": "Other"}),
    ],
    ids=["one_left_over_is_kept", "two_folded"],
)
def test_top_with_other(keep, expected):
    totals = [("d", 1), ("b", 5), ("a", 5), ("c", 2)]

    assert top_with_other(totals, keep=keep, other="Other") == expected


def test_three_stage_links_fold_small_names_and_sum_flows():
    flows = [
        ("Access", "CSTD", "sent", 5),
        ("Access", "HRC", "reflected", 3),
        ("Trust", "CSTD", "sent", 2),
        ("Rights", "WSIS", "sent", 1),
        ("Climate", "ITU", "sent", 1),
    ]

    columns, links = three_stage_links(
        flows,
        last_stage=[("reflected", "Reflected"), ("sent", "Sent")],
        keep=2,
        other_first="Other themes",
        other_second="Other forums",
    )

    assert columns == [
        [
            ("1:Access", "Access"),
            ("1:Trust", "Trust"),
            ("1:Other themes", "Other themes"),
        ],
        [("2:CSTD", "CSTD"), ("2:HRC", "HRC"), ("2:Other forums", "Other forums")],
        [("3:reflected", "Reflected"), ("3:sent", "Sent")],
    ]
    assert sorted(links) == [
        ("1:Access", "2:CSTD", 5),
        ("1:Access", "2:HRC", 3),
        ("1:Other themes", "2:Other forums", 2),
        ("1:Trust", "2:CSTD", 2),
        ("2:CSTD", "3:sent", 7),
        ("2:HRC", "3:reflected", 3),
        ("2:Other forums", "3:sent", 2),
    ]
