"""world_map: one map of every host's foreign forces on one date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sitrep.errors import InputError
from sitrep.report.geo import Projection
from sitrep.report.maps import build_map
from sitrep.state import Situation
from sitrep.web.world import WORLD, world_map

from .conftest import AB201


def roles(sahel: list[Situation], **options: bool) -> dict[str, str]:
    return {s.code: s.role for s in world_map(sahel, **options).shapes if s.code}


def test_hosts_with_current_foreign_forces_are_shaded_host(sahel: list[Situation]) -> None:
    r = roles(sahel)
    assert (r["NER"], r["MLI"]) == ("host", "host")
    assert r["BFA"] == "other"  # in the charter, but no foreign forces


def test_a_sender_is_shaded_by_its_strongest_status(sahel: list[Situation]) -> None:
    r = roles(sahel)
    assert (r["RUS"], r["USA"]) == ("present", "withdrawal_planned")


@pytest.mark.parametrize(("ended", "france"), [(False, "other"), (True, "ended")])
def test_ended_presences_only_when_asked(sahel: list[Situation], ended: bool,
                                         france: str) -> None:
    assert roles(sahel, ended=ended)["FRA"] == france


def test_one_arrow_per_sender_and_host_styled_by_status(sahel: list[Situation]) -> None:
    lines = world_map(sahel).lines
    assert [(line.title.split(":")[0], line.style.status, line.style.dash) for line in lines] == [
        ("Russia (RUS) in Mali (MLI)", "present", ""),
        ("Russia (RUS) in Niger (NER)", "present", ""),
        ("United States (USA) in Niger (NER)", "withdrawal_planned", "12 6")]


def test_an_arrow_title_says_since_when(sahel: list[Situation]) -> None:
    [line] = [x for x in world_map(sahel).lines if "United States" in x.title]
    assert line.title.endswith("withdrawal planned since 2024-05")


def test_organisations_get_no_arrow(sahel: list[Situation]) -> None:
    assert not any("WAGNER" in line.title for line in world_map(sahel).lines)


def test_held_places_are_marked_where_they_are(sahel: list[Situation]) -> None:
    view = world_map(sahel)
    [marker] = [m for m in view.markers if AB201.name in m.title]
    assert AB201.lon is not None and AB201.lat is not None
    assert (marker.x, marker.y) == pytest.approx(
        Projection(view.box, view.width).xy(AB201.lon, AB201.lat))
    assert marker.held and marker.style.status == "withdrawal_planned"


def test_every_country_in_the_frame_is_drawn_with_its_code(sahel: list[Situation]) -> None:
    view = world_map(sahel)
    codes = {s.code for s in view.shapes}
    assert {"NER", "MLI", "BFA", "RUS", "USA", "DZA", "NGA"} <= codes
    assert all(s.d for s in view.shapes)


def test_the_frame_holds_hosts_and_senders(sahel: list[Situation]) -> None:
    box = world_map(sahel).box
    assert box.west < -95 and box.east > 100  # from the US to Russia


def test_nothing_to_draw_gives_the_whole_world() -> None:
    view = world_map([])
    assert view.box == WORLD and view.lines == () and view.markers == ()
    assert len(view.shapes) > 150 and {s.role for s in view.shapes} == {"other"}


def test_situations_for_different_dates_are_refused(sahel: list[Situation]) -> None:
    with pytest.raises(InputError, match="different dates"):
        world_map([*sahel, replace(sahel[0], as_of=date(2020, 1, 1))])


def test_the_caption_names_the_date(sahel: list[Situation]) -> None:
    assert world_map(sahel).caption == "Foreign forces as of 2024-05-11"


def test_same_input_same_map(sahel: list[Situation]) -> None:
    assert world_map(sahel) == world_map(list(reversed(sahel)))


def test_the_report_map_shapes_carry_codes_too(sahel: list[Situation]) -> None:
    shapes = build_map(sahel[0]).views[0].shapes
    assert {s.code: s.role for s in shapes}["NER"] == "host"
