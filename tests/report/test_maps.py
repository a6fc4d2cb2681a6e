"""The map layout: what is drawn for a situation, where, and what is listed beside it."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.report.geo import Projection
from sitrep.report.labels import Want, place_labels
from sitrep.report.maps import build_map
from sitrep.state import Situation, derive_state

from .conftest import AB201, AS_OF, Make


def test_far_senders_give_an_overview_and_a_close_up(situation: Situation) -> None:
    overview, close = build_map(situation).views
    assert overview.box.west < -60 and overview.box.east > 80  # the US to Russia
    assert close.box.west > -5 and close.box.east < 20  # Niger and its edges
    assert {line.title.split(" (")[0] for line in overview.lines} == {
        "United States", "Russia", "Chad", "France"}
    assert close.lines == ()


def test_host_and_senders_have_their_roles(situation: Situation) -> None:
    overview = build_map(situation).views[0]
    roles = {s.name: s.role for s in overview.shapes}
    assert roles["Niger"] == "host"
    assert (roles["United States of America"], roles["Russia"], roles["France"]) == (
        "withdrawal_planned", "present", "ended")
    assert roles["Algeria"] == "other"


def test_each_arrow_is_styled_by_its_status(situation: Situation) -> None:
    overview = build_map(situation).views[0]
    styles = {line.title.split(" (")[0]: line.style for line in overview.lines}
    assert (styles["France"].status, styles["France"].dash) == ("ended", "1 6")
    assert styles["Russia"].dash == ""  # present: solid
    assert len({s.dash for s in styles.values()}) == len({s.status for s in styles.values()})


def test_a_place_marker_is_at_its_projected_point_in_the_frame(situation: Situation) -> None:
    close = build_map(situation).views[-1]
    [marker] = [m for m in close.markers if m.label.text == AB201.name]
    assert AB201.lon is not None and AB201.lat is not None
    x, y = Projection(close.box, close.width).xy(AB201.lon, AB201.lat)
    assert (marker.x, marker.y) == pytest.approx((x, y))
    assert 0 < marker.x < close.width and 0 < marker.y < close.height
    assert marker.held and marker.style.status == "withdrawal_planned"


def test_places_too_close_to_tell_apart_share_a_marker(make: Make) -> None:
    from sitrep.records import Place

    city = Place("Niamey", "NER", 13.51, 2.11, "Niamey", "city")
    base = Place("Niamey Air Base 101", "NER", 13.48, 2.18, "Air Base 101", "site")
    facts = [make.fact("deploy", "ongoing", "USA", ["NER"], place=city, doc="a"),
             make.fact("deploy", "ongoing", "FRA", ["NER"], place=base, doc="b")]
    s = derive_state(facts, "NER", as_of=date(2024, 6, 1))
    [marker] = build_map(s).views[-1].markers
    assert marker.label.text == "Niamey / Niamey Air Base 101"


def test_organisations_are_listed_not_drawn(situation: Situation) -> None:
    model = build_map(situation)
    assert [(u.code, u.style.status) for u in model.unmapped] == [("WAGNER", "present")]
    assert all("Wagner" not in line.title for view in model.views for line in view.lines)


def test_neighbours_only_sending_forces_give_one_map(make: Make) -> None:
    facts = [make.fact("deploy", "ongoing", "TCD", ["NER"]),
             make.fact("deploy", "ongoing", "NGA", ["NER"])]
    [view] = build_map(derive_state(facts, "NER", as_of=AS_OF)).views
    assert len(view.lines) == 2


def test_a_host_without_a_shape_or_places_gets_a_note(make: Make) -> None:
    facts = [make.fact("deploy", "ongoing", "USA", ["BHR"])]
    model = build_map(derive_state(facts, "BHR", as_of=AS_OF))
    assert model.views == ()
    assert model.note is not None and "no shape" in model.note


def test_labels_stay_apart_and_inside_the_frame() -> None:
    wants = [Want(f"Place number {i}", 100 + i * 3, 100 + i * 2, "place") for i in range(6)]
    labels, _ = place_labels(wants, width=400, height=300, markers=[(w.x, w.y) for w in wants])
    assert [lab.text for lab in labels] == [w.text for w in wants]
    assert len({(lab.x, lab.y) for lab in labels}) == 6
    assert all(0 <= lab.x <= 400 and 0 <= lab.y <= 300 for lab in labels)


def test_a_label_near_the_edge_goes_where_there_is_room() -> None:
    labels, _ = place_labels([Want("United States · withdrawal planned", 5, 50, "actor")],
                             width=400, height=100)
    assert (labels[0].anchor, labels[0].x) == ("start", 12)


def test_optional_labels_without_room_are_left_out() -> None:
    labels, extra = place_labels([Want("Niger", 50, 50, "host")], width=100, height=100,
                                 optional=[Want("Somewhere far too long to fit", 50, 50,
                                                "other")])
    assert len(labels) == 1 and extra == ()
