"""Whether the host a frame found is where its forces are.

Forces placed in a region of several states ("5,100 soldiers in the Sahel", "retreat from West
Africa") have no single host: a host guessed from the article (its focus, the last host named)
or a state named in another phrase of the sentence ("... following events in Mali") is not
theirs. A state named inside the region's phrase is ("remain in the Sahel, mostly in Niger and
Chad"). Regions come from resources/gazetteer/regions.tsv.
"""

from __future__ import annotations

from ..gazetteer.regions import Regions
from .frames import cue
from .mentions import Mention
from .places import names_region
from .roles import Frame

__all__ = ["region_only"]


def region_only(frame: Frame, hosts: list[Mention], *, guess: bool, regions: Regions) -> bool:
    """True when the frame's forces are placed in a region and `hosts` (a guess when `guess`)
    do not say where in it."""
    near = frame.attached()
    region = names_region(frame.trigger.sent, regions, near=near)
    if not region:
        return False
    near |= region  # "in the Sahel, mostly in Niger and Chad"
    words = frame.lex.words
    return guess or not any(getattr(cue(m, frame.doc, words["forces"], words["territory"]).head,
                                    "i", None) in near for m in hosts)
