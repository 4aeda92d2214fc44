"""Chart geometry for the outcomes dashboard (pure rules: plain numbers in, shapes out).

Templates draw the shapes as server-rendered SVG. Right-to-left pages mirror every x
coordinate; text anchors stay logical ("start"/"end"), which SVG resolves against the
direction the chart inherits from the page, so labels still hug their bars.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

# Okabe & Ito's palette, safe for the common colour-vision deficiencies; charts also
# carry counts, patterns and a legend, so no status is told by colour alone.
PALETTE = (
    "#0072B2",  # blue
    "#009E73",  # bluish green
    "#56B4E9",  # sky blue
    "#E69F00",  # orange
    "#999999",  # grey
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow
)
# Text drawn on a fill must stay readable: dark text on the light fills.
_DARK_FILLS = {"#0072B2", "#009E73", "#D55E00"}
# The narrowest segment that gets its count written inside it.
MIN_LABELLED_WIDTH = 22.0


def text_colour(fill: str) -> str:
    """The colour of text written on ``fill``: white on dark fills, black otherwise."""
    return "#ffffff" if fill in _DARK_FILLS else "#000000"


@dataclass(frozen=True)
class Series:
    """One stacked series: its key (e.g. a status value), label, fill and pattern."""

    key: str
    label: str
    fill: str
    pattern: str = ""  # an id of a <pattern> drawn over the fill, or ""

    @property
    def text_fill(self) -> str:
        return text_colour(self.fill)


def make_series(items: Sequence[tuple[str, str]], patterns=()) -> list[Series]:
    """Series for (key, label) pairs, coloured in palette order, patterned in turn."""
    patterns = list(patterns)
    return [
        Series(
            key=key,
            label=label,
            fill=PALETTE[index % len(PALETTE)],
            pattern=patterns[index % len(patterns)] if patterns else "",
        )
        for index, (key, label) in enumerate(items)
    ]


# --- stacked horizontal bars --------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    series: Series
    value: int
    x: float
    width: float

    @property
    def is_labelled(self) -> bool:
        """Whether the count fits inside the segment."""
        return self.width >= MIN_LABELLED_WIDTH

    @property
    def centre_x(self) -> float:
        return round(self.x + self.width / 2, 2)


@dataclass(frozen=True)
class Bar:
    label: str
    total: int
    y: float
    height: float
    label_x: float  # the label's anchor, next to the bar's start (anchor "end")
    total_x: float  # the total's anchor, after the bar's end (anchor "start")
    segments: tuple[Segment, ...]

    @property
    def middle_y(self) -> float:
        return round(self.y + self.height / 2, 2)


@dataclass(frozen=True)
class BarChart:
    width: float
    height: float
    bar_height: float
    bars: tuple[Bar, ...]
    series: tuple[Series, ...]
    maximum: int
    axis_x: float  # where every bar starts

    @property
    def is_empty(self) -> bool:
        return self.maximum == 0

    @property
    def total(self) -> int:
        return sum(bar.total for bar in self.bars)

    @property
    def largest(self) -> Bar | None:
        """The first of the longest bars, or None when there is none."""
        return max(self.bars, key=lambda bar: bar.total, default=None)


def stacked_bars(
    rows: Sequence[tuple[str, Sequence[int]]],
    series: Sequence[Series],
    *,
    width: float = 720,
    label_width: float = 220,
    total_width: float = 56,
    bar_height: float = 26,
    gap: float = 10,
    rtl: bool = False,
) -> BarChart:
    """Bars for (label, values per series) rows, scaled so the longest fills the plot.

    Zero values get no segment. With ``rtl`` the chart is mirrored: labels on the right,
    bars growing leftwards.
    """
    for label, values in rows:
        if len(values) != len(series):
            raise ValueError(
                f"{label!r} has {len(values)} values for {len(series)} series"
            )
    plot_width = width - label_width - total_width
    maximum = max((sum(values) for _label, values in rows), default=0)
    scale = plot_width / maximum if maximum else 0.0

    def x(position: float, extent: float = 0.0) -> float:
        # ``position`` counts from the axis in reading direction.
        return round(
            width - label_width - position - extent if rtl else label_width + position,
            2,
        )

    bars = []
    for index, (label, values) in enumerate(rows):
        y = round(gap / 2 + index * (bar_height + gap), 2)
        segments, offset = [], 0.0
        for item, value in zip(series, values, strict=True):
            if value <= 0:
                continue
            extent = value * scale
            segments.append(Segment(item, value, x(offset, extent), round(extent, 2)))
            offset += extent
        bars.append(
            Bar(
                label=label,
                total=sum(values),
                y=y,
                height=bar_height,
                label_x=x(-8),
                total_x=x(offset + 6),
                segments=tuple(segments),
            )
        )
    return BarChart(
        width=width,
        height=round(len(rows) * (bar_height + gap), 2),
        bar_height=bar_height,
        bars=tuple(bars),
        series=tuple(series),
        maximum=maximum,
        axis_x=x(0),
    )


# --- Sankey diagram -----------------------------------------------------------------------


@dataclass(frozen=True)
class SankeyNode:
    key: str
    label: str
    column: int
    value: int
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_anchor: str  # "start" or "end", logical

    @property
    def label_y(self) -> float:
        return round(self.y + self.height / 2, 2)


@dataclass(frozen=True)
class SankeyLink:
    source: str
    target: str
    source_label: str
    target_label: str
    value: int
    thickness: float
    path: str  # a closed band from the source node to the target node


@dataclass(frozen=True)
class Sankey:
    width: float
    height: float
    nodes: tuple[SankeyNode, ...]
    links: tuple[SankeyLink, ...]

    @property
    def is_empty(self) -> bool:
        return not self.links


def sankey(
    columns: Sequence[Sequence[tuple[str, str]]],
    links: Sequence[tuple[str, str, int]],
    *,
    width: float = 720,
    height: float = 420,
    node_width: float = 14,
    node_gap: float = 10,
    label_width: float = 170,
    rtl: bool = False,
) -> Sankey:
    """A layered Sankey: ``columns`` of (key, label) nodes, ``links`` (source, target, value).

    Links go from one column to the next. A node is as tall as the larger of what flows in
    and out; all columns share one scale, so equal flows are equally thick everywhere.
    Nodes through which nothing flows are left out.
    """
    column_of, labels = {}, {}
    for index, column in enumerate(columns):
        for key, label in column:
            if key in column_of:
                raise ValueError(f"node {key!r} appears twice")
            column_of[key], labels[key] = index, label
    links = [(s, t, v) for s, t, v in links if v > 0]
    for source, target, _value in links:
        if column_of[target] != column_of[source] + 1:
            raise ValueError(f"{source!r} → {target!r} skips or reverses a column")
    inflow: dict[str, int] = dict.fromkeys(column_of, 0)
    outflow: dict[str, int] = dict.fromkeys(column_of, 0)
    for source, target, value in links:
        outflow[source] += value
        inflow[target] += value
    node_value = {key: max(inflow[key], outflow[key]) for key in column_of}
    kept = [
        [(key, label) for key, label in column if node_value[key] > 0]
        for column in columns
    ]
    scale = min(
        (
            (height - node_gap * (len(column) - 1))
            / sum(node_value[key] for key, _label in column)
            for column in kept
            if column
        ),
        default=0.0,
    )
    count = len(columns)
    span = width - 2 * label_width - node_width
    # The middle columns' labels sit after their node, the first column's before it.
    nodes: dict[str, SankeyNode] = {}
    for index, column in enumerate(kept):
        left = label_width + (span * index / (count - 1) if count > 1 else 0)
        x = width - left - node_width if rtl else left
        y = 0.0
        for key, label in column:
            extent = node_value[key] * scale
            before = index == 0
            if before:
                label_x = x + node_width + 6 if rtl else x - 6
            else:
                label_x = x - 6 if rtl else x + node_width + 6
            nodes[key] = SankeyNode(
                key=key,
                label=label,
                column=index,
                value=node_value[key],
                x=round(x, 2),
                y=round(y, 2),
                width=node_width,
                height=round(extent, 2),
                label_x=round(label_x, 2),
                label_anchor="end" if before else "start",
            )
            y += extent + node_gap

    def order(key: str) -> tuple[float, str]:
        return (nodes[key].y, key)

    source_offset = dict.fromkeys(nodes, 0.0)
    target_offset = dict.fromkeys(nodes, 0.0)
    start_y: dict[tuple[str, str], float] = {}
    for source, target, value in sorted(
        links, key=lambda link: (order(link[0]), order(link[1]))
    ):
        start_y[(source, target)] = nodes[source].y + source_offset[source]
        source_offset[source] += value * scale
    placed = []
    for source, target, value in sorted(
        links, key=lambda link: (order(link[1]), order(link[0]))
    ):
        thickness = value * scale
        y0 = start_y[(source, target)]
        y1 = nodes[target].y + target_offset[target]
        target_offset[target] += thickness
        from_node, to_node = nodes[source], nodes[target]
        x0 = from_node.x if rtl else from_node.x + node_width
        x1 = to_node.x + node_width if rtl else to_node.x
        placed.append(
            SankeyLink(
                source=source,
                target=target,
                source_label=labels[source],
                target_label=labels[target],
                value=value,
                thickness=round(thickness, 2),
                path=_band(x0, y0, x1, y1, thickness),
            )
        )
    return Sankey(
        width=width,
        height=height,
        nodes=tuple(nodes.values()),
        links=tuple(placed),
    )


def _band(x0: float, y0: float, x1: float, y1: float, thickness: float) -> str:
    """A closed path: a curve from (x0, y0) to (x1, y1), back ``thickness`` lower."""
    middle = (x0 + x1) / 2

    def p(value: float) -> str:
        return f"{value:.2f}".rstrip("0").rstrip(".")

    return (
        f"M{p(x0)},{p(y0)} C{p(middle)},{p(y0)} {p(middle)},{p(y1)} {p(x1)},{p(y1)} "
        f"L{p(x1)},{p(y1 + thickness)} "
        f"C{p(middle)},{p(y1 + thickness)} {p(middle)},{p(y0 + thickness)} "
        f"{p(x0)},{p(y0 + thickness)} Z"
    )


# --- grouping and text alternatives -------------------------------------------------------


def top_with_other(
    totals: Sequence[tuple[str, int]], *, keep: int, other: str
) -> dict[str, str]:
    """Map each key to itself if among the ``keep`` largest, else to ``other``.

    Ties keep the earlier key, so the result does not depend on dictionary order. When
    only one key would be folded it is kept: an "other" of one hides a name for nothing.
    """
    ranked = sorted(totals, key=lambda item: (-item[1], item[0]))
    if len(ranked) <= keep + 1:
        return {key: key for key, _total in ranked}
    kept = {key for key, _total in ranked[:keep]}
    return {key: key if key in kept else other for key, _total in ranked}


def three_stage_links(
    flows: Sequence[tuple[str, str, str, int]],
    *,
    last_stage: Sequence[tuple[str, str]],
    keep: int,
    other_first: str,
    other_second: str,
) -> tuple[list[list[tuple[str, str]]], list[tuple[str, str, int]]]:
    """Columns and links of a first → second → last Sankey from counted rows.

    ``flows`` are (first, second, last key, count); ``last_stage`` the (key, label) of the
    last column in display order. All but the ``keep`` largest names of the first and of
    the second stage are folded into the "other" nodes, listed last in their column.
    """
    first_totals: dict[str, int] = defaultdict(int)
    second_totals: dict[str, int] = defaultdict(int)
    for first, second, _last, count in flows:
        first_totals[first] += count
        second_totals[second] += count
    first_of = top_with_other(list(first_totals.items()), keep=keep, other=other_first)
    second_of = top_with_other(
        list(second_totals.items()), keep=keep, other=other_second
    )
    to_second: dict[tuple[str, str], int] = defaultdict(int)
    to_last: dict[tuple[str, str], int] = defaultdict(int)
    for first, second, last, count in flows:
        to_second[(first_of[first], second_of[second])] += count
        to_last[(second_of[second], last)] += count

    def column(prefix: str, mapping: dict[str, str], totals: dict[str, int], other):
        folded: dict[str, int] = defaultdict(int)
        for name, total in totals.items():
            folded[mapping[name]] += total
        names = sorted(
            folded, key=lambda name: (name == other, -folded[name], name.casefold())
        )
        return [(f"{prefix}:{name}", name) for name in names]

    columns = [
        column("1", first_of, first_totals, other_first),
        column("2", second_of, second_totals, other_second),
        [(f"3:{key}", label) for key, label in last_stage],
    ]
    links = [
        (f"1:{first}", f"2:{second}", count)
        for (first, second), count in to_second.items()
    ] + [
        (f"2:{second}", f"3:{last}", count) for (second, last), count in to_last.items()
    ]
    return columns, links
