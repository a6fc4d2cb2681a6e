"""Write a mixed news stream for bench/throughput.py: mostly everyday news, some security news.

usage: python bench/make_stream.py --articles N --out FILE [--relevant 0.2] [--seed 5]

About 80% of the articles are everyday news (sport, weather, markets, culture, local and
national politics, crime, business) built from templates written by the sitrep team, with
varied vocabulary; many of them name countries and use the words of security news in their
everyday senses ("police forces", "left for a summit", "withdrew from the tournament",
"deployed a new version", "took control of the company", "the United States has"), as real
news does. The rest are security articles taken from the demo corpus and tests/gold (the
team's own texts about real events).
Lines are {"id", "text", "published"}; the same seed gives the same file.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "src" / "sitrep" / "resources" / "demo" / "corpus.jsonl",
           *sorted((ROOT / "tests" / "gold").glob("articles-*.jsonl"))]

_FILL = {
    "team": ["Riverside Rovers", "the Harbour City Hawks", "Northfield Athletic", "Lakeside United",
             "the Valley Wanderers", "St Albion's", "Eastgate Borough", "the Coastal Mariners"],
    "player": ["Tom Whitaker", "Ana Ruiz", "Jonas Berg", "Priya Nair", "Marco Bellini",
               "Chloe Martin", "Kwame Asante", "Lena Novak"],
    "town": ["Millbrook", "Ashford Vale", "Kingsbridge", "Elmstead", "Redcliffe", "Westmoor"],
    "region": ["the north-west", "the southern coast", "the uplands", "the river valleys",
               "the eastern plains"],
    "country": ["Brazil", "Italy", "Japan", "Australia", "Canada", "Spain", "Norway", "Kenya",
                "the United States", "the United Kingdom"],
    "company": ["Brightwave Energy", "Calder Foods", "Norland Telecom", "Pinecrest Retail",
                "Meridian Logistics", "Oakline Software"],
    "artist": ["the Meadowlark Quartet", "painter Iris Dale", "director Samir Haddad",
               "the Lantern Theatre company", "novelist June Okafor"],
    "num": ["two", "three", "four", "five", "seven", "ten", "twelve"],
    "pct": ["0.4", "1.2", "2.7", "3.1", "0.8", "5.5"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}

_TOPICS = {
    "sport": [
        "{team} beat {team} {num}-one on {day} in front of a sell-out crowd.",
        "{player} scored twice before half-time and was substituted late in the game.",
        "The coach said the squad had worked hard on set pieces during the week.",
        "{player} left the pitch with an ankle injury and will miss the next {num} matches.",
        "The club signed a young midfielder from {country} on a three-year contract.",
        "Fans queued outside the stadium for hours to buy tickets for the cup final.",
        "{team} took the lead through a header from a corner and never looked back.",
        "The referee showed {num} yellow cards in a bad-tempered second half.",
        "With {num} games left, the title race is wide open.",
        "The captain praised the young goalkeeper for a string of fine saves.",
    ],
    "weather": [
        "Forecasters expect heavy showers across {region} on {day}.",
        "Temperatures will climb to the high twenties by the weekend, before a cooler spell.",
        "Gusts of up to {num}0 miles an hour brought down trees near {town}.",
        "Farmers in {region} welcomed the rain after a dry spring.",
        "Fog is likely to slow morning traffic on the coastal roads.",
        "The weather service issued a yellow warning for snow on higher ground.",
        "Rivers in {region} rose sharply overnight, and some footpaths were closed.",
        "A ridge of high pressure should bring clear skies and light winds.",
    ],
    "markets": [
        "Shares in {company} rose {pct} per cent after the firm raised its profit forecast.",
        "The central bank left interest rates unchanged, as most economists had expected.",
        "Oil prices slipped on {day} as traders weighed weaker demand.",
        "{company} said it would open {num} new stores in {region} next year.",
        "The currency firmed against the dollar after upbeat retail figures.",
        "Bond yields edged higher ahead of inflation data due on {day}.",
        "{company} agreed to buy a smaller rival for an undisclosed sum.",
        "Analysts said the quarterly results beat expectations by a wide margin.",
        "Exports to {country} grew by {pct} per cent over the year.",
    ],
    "culture": [
        "{artist} opened a new show at the city gallery on {day}.",
        "Critics praised the production for its bold staging and spare design.",
        "The festival will run for {num} days and feature more than forty acts.",
        "{artist} won the annual prize for a debut that drew on childhood summers in {town}.",
        "Tickets for the autumn season go on sale next week.",
        "The museum has restored a set of old maps donated by a local family.",
        "The orchestra toured {country} last year and returns there in the spring.",
        "A documentary about the town's lost railway will be shown at the library.",
    ],
    "local": [
        "The council in {town} voted to extend the opening hours of the public library.",
        "Residents asked for a new pedestrian crossing outside the primary school.",
        "The mayor said the budget would protect bus routes and street lighting.",
        "Plans for {num} hundred new homes on the edge of {town} were approved on {day}.",
        "Opposition councillors called the parking charges unfair to small shops.",
        "A volunteer group cleared litter from the riverbank over the weekend.",
        "The new recycling scheme starts in {region} next month.",
        "Road works on the high street will last until the end of the month.",
    ],
    # Near misses: everyday news in the words of security news (states, leaders' titles,
    # "forces", "base", "left", "withdrew", "deployed", "agreement", "took control", "seized"),
    # as real streams are full of. None of it reports a security event.
    "politics": [
        "The prime minister of {country} left for a two-day summit on trade.",
        "Voters in {country} go to the polls on {day} in a closely fought election.",
        "The opposition withdrew its support for the budget after a row over pensions.",
        "Parliament in {country} passed a data protection law by a wide margin.",
        "The president of {country} signed a decree raising the minimum wage.",
        "The minister resigned after questions about her travel expenses.",
        "{country} and {country} signed an agreement to cut tariffs on farm goods.",
        "The two governments agreed to work together on clean energy research.",
        "Coalition talks in {country} broke down over the pace of tax reform.",
        "The foreign minister of {country} met her counterpart from {country} to discuss "
        "student visas.",
        "The United Nations said its envoy would stay in {country} for talks on the drought.",
        "{country} has imposed new tariffs on imported steel and aluminium.",
    ],
    "crime": [
        "Police forces across {region} stepped up patrols over the holiday weekend.",
        "Security guards at the shopping centre detained a man suspected of shoplifting.",
        "A court in {town} jailed two men for a string of burglaries.",
        "Officers seized a large quantity of counterfeit goods at the port.",
        "The fire service sent {num} crews to a blaze at a warehouse near {town}.",
        "Detectives appealed for witnesses after a car was taken from a driveway.",
        "The police chief said extra officers would be deployed to the town centre on match "
        "days.",
        "The suspect was arrested at the airport as he tried to leave the country.",
    ],
    "business": [
        "{company} deployed a new version of its app to millions of users.",
        "The chief executive left {company} after a dispute with the board.",
        "An activist investor took control of {company} after a bitter boardroom battle.",
        "{company} withdrew its offer for the rival chain, citing market conditions.",
        "The firm has built a loyal customer base in {country}.",
        "{company} is moving its headquarters from {town} to the capital.",
        "Under the merger agreement, shareholders get {num} new shares for each one they own.",
        "Cyber security experts warned of a rise in fraudulent emails.",
        "{company} pulled out of {country} after years of losses.",
    ],
    "sport_world": [
        "The visitors' defence held firm against wave after wave of attacks.",
        "{player} withdrew from the tournament with a back injury.",
        "The national team of {country} arrived at its training base on {day}.",
        "{team} were forced out of the cup by a late penalty.",
        "{country} beat {country} in the final after extra time.",
        "The Olympic squad of {country} flew home after a disappointing campaign.",
        "The coach left the national side after {num} years in charge.",
    ],
}


def _fill(template: str, rng: random.Random) -> str:
    out = template
    while "{" in out:
        start = out.index("{")
        key = out[start + 1:out.index("}", start)]
        out = out[:start] + rng.choice(_FILL[key]) + out[out.index("}", start) + 1:]
    return out[:1].upper() + out[1:]  # "the Coastal Mariners" opening a sentence


def everyday(rng: random.Random) -> str:
    """One everyday article: a headline and a few paragraphs on one topic."""
    topic = rng.choice(sorted(_TOPICS))
    pool = _TOPICS[topic]
    headline = _fill(rng.choice(pool), rng).rstrip(".")
    paragraphs = []
    for _ in range(rng.randint(3, 6)):
        sents = rng.sample(pool, k=min(len(pool), rng.randint(2, 4)))
        paragraphs.append(" ".join(_fill(s, rng) for s in sents))
    return "\n\n".join([headline, *paragraphs])


def main() -> int:
    """Write the stream."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--relevant", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    security = []
    for path in SOURCES:
        with path.open(encoding="utf-8") as fh:
            security += [json.loads(line) for line in fh if line.strip()]
    with args.out.open("w", encoding="utf-8") as out:
        for n in range(args.articles):
            if rng.random() < args.relevant:
                row = rng.choice(security)
                item = {"id": f"s{n}", "text": row["text"], "published": row.get("published")}
            else:
                item = {"id": f"e{n}", "text": everyday(rng), "published": "2024-05-11"}
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"wrote {args.articles} articles to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
