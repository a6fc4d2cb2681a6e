"""The JSON shapes the HTTP API answers with, as OpenAPI components.

The event record and the situation already have public JSON Schemas (resources/schema/); the
API does not restate them in Python: their `$defs` become components (`Event_actor`,
`Situation_presence`...), and the API's own envelopes (a page of events, an event with its
sources, a timeline, the relations graph, an error) are written here against them. Routes
return plain JSON and name the component they answer with, so the OpenAPI document, the
CLI's output and the files' schemas are one contract; schemathesis checks answers against it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from ..datafiles import packaged

__all__ = ["components", "ref", "response"]

_NULLABLE_STR = {"type": ["string", "null"]}
_DAY = {"type": "string", "format": "date"}


def ref(name: str) -> dict[str, str]:
    """A reference to the component `name`."""
    return {"$ref": f"#/components/schemas/{name}"}


def _relocate(node: Any, prefix: str) -> Any:
    """`node` with its `#/$defs/x` references pointed at the components `prefix_x`."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                out[key] = f"#/components/schemas/{prefix}_{value.removeprefix('#/$defs/')}"
            else:
                out[key] = _relocate(value, prefix)
        return out
    if isinstance(node, list):
        return [_relocate(v, prefix) for v in node]
    return node


def _from_file(name: str, prefix: str) -> dict[str, Any]:
    """A packaged JSON Schema as components: the schema as `prefix`, each def as prefix_def."""
    schema = json.loads(packaged("schema", name).read_text(encoding="utf-8"))
    defs = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    found = {prefix: _relocate(schema, prefix)}
    found.update({f"{prefix}_{k}": _relocate(v, prefix) for k, v in defs.items()})
    return found


def _obj(required: list[str], properties: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "required": required,
            "properties": properties, **more}


def _full_source() -> dict[str, Any]:
    evidence = _obj(["text", "start", "end"], {
        "text": {"type": "string"}, "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 0}})
    return _obj(["doc_id", "url", "title", "published", "evidence"], {
        "doc_id": {"type": "string"}, "url": _NULLABLE_STR, "title": _NULLABLE_STR,
        "published": {"oneOf": [{"type": "null"}, _DAY]},
        "evidence": {"type": "array", "items": evidence}},
        description="An article that reported the event, with its supporting sentences and "
                    "their character offsets in the article's text.")


def _envelopes(event: dict[str, Any]) -> dict[str, Any]:
    timeline_entry = {**event, "required": [*event["required"], "timeline", "sources",
                                            "reports"]}
    timeline_entry["properties"] = {
        **event["properties"],
        "timeline": _obj(["date", "reported"], {
            "date": {"type": "string"}, "reported": {"type": "boolean"}}),
        "sources": {"type": "array", "items": ref("Situation_source")},
        "reports": {"type": "integer", "minimum": 1}}
    timeline_entry["description"] = ("A fact (one real-world event, every report of it): its "
                                     "representative event record, where the timeline places "
                                     "it, and its sources (`sitrep timeline --format json`).")
    edge = _obj(["kind", "source", "target", "status", "label", "since", "until", "doc_ids"], {
        "kind": {"enum": ["presence", "agreement"]},
        "source": {"type": "string"}, "target": {"type": "string"},
        "status": {"enum": ["present", "withdrawal_planned", "withdrawing", "ended",
                            "in_force"]},
        "label": {"type": "string"}, "since": _NULLABLE_STR, "until": _NULLABLE_STR,
        "doc_ids": {"type": "array", "items": {"type": "string"}}})
    node = _obj(["code", "name", "kind"], {"code": {"type": "string"},
                                           "name": {"type": "string"},
                                           "kind": {"enum": ["state", "organisation"]}})
    return {
        "EventPage": _obj(["events", "next_cursor"], {
            "events": {"type": "array", "items": ref("Event")},
            "next_cursor": {**_NULLABLE_STR, "description": "Pass as `cursor` for the next "
                                                            "page; null on the last page."}}),
        "FullSource": _full_source(),
        "EventDetail": _obj(["event", "fact", "sources"], {
            "event": ref("Event"),
            "fact": _obj(["id", "reports", "counts"], {
                "id": {"type": "string"}, "reports": {"type": "integer", "minimum": 1},
                "counts": {"type": "array", "items": {
                    "type": "array", "prefixItems": [{"type": "integer"}, {"type": "string"}],
                    "minItems": 2, "maxItems": 2}}},
                description="The fact the event belongs to: `reports` event records from "
                            "different articles, and every troop count they state."),
            "sources": {"type": "array", "items": {"allOf": [ref("FullSource")]}}}),
        "Timeline": _obj(["entries"], {"entries": {"type": "array",
                                                   "items": ref("TimelineEntry")}}),
        "TimelineEntry": timeline_entry,
        "World": _obj(["as_of", "known_at", "countries"], {
            "as_of": _DAY, "known_at": {"oneOf": [{"type": "null"}, _DAY]},
            "countries": {"type": "array", "items": ref("Situation")}}),
        "Relations": _obj(["as_of", "known_at", "nodes", "edges"], {
            "as_of": _DAY, "known_at": {"oneOf": [{"type": "null"}, _DAY]},
            "nodes": {"type": "array", "items": node}, "edges": {"type": "array",
                                                              "items": edge}}),
        "Health": _obj(["status", "articles", "events", "read_only"], {
            "status": {"const": "ok"}, "articles": {"type": "integer"},
            "events": {"type": "integer"}, "read_only": {"type": "boolean"}}),
        "IngestResult": _obj(["added", "skipped", "failed", "events"], {
            "added": {"type": "integer"}, "skipped": {"type": "integer"},
            "failed": {"type": "array", "items": _obj(["input", "problem"], {
                "input": {"type": "string"}, "problem": {"type": "string"}})},
            "events": {"type": "integer"}}),
        "Error": _obj(["error"], {"error": _obj(["status", "code", "message"], {
            "status": {"type": "integer"}, "code": {"type": "string"},
            "message": {"type": "string"},
            "detail": {"type": "array", "items": {"type": "object"}}})},
            description="Every error answer: HTTP status, a machine-readable code, a "
                        "message naming the input and the problem, and for invalid "
                        "parameters one detail per problem."),
    }


@lru_cache(maxsize=1)
def components() -> dict[str, Any]:
    """Every schema component of the API."""
    found = {**_from_file("event.json", "Event"), **_from_file("situation.json", "Situation")}
    found.update(_envelopes(found["Event"]))
    return found


def response(name: str, description: str, *, media: str = "application/json"
             ) -> dict[str, Any]:
    """An OpenAPI response whose body is the component `name`."""
    return {"description": description, "content": {media: {"schema": ref(name)}}}
