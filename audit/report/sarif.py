"""SARIF 2.1.0: one rule per check, results with physical locations, snippets, related
locations for the other claims, and partial fingerprints from the finding fingerprint."""
from __future__ import annotations

from .. import fingerprint
from . import Result, dumps

LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(r: Result, tool_version: str) -> str:
    from checks import REGISTRY

    rules = []
    index = {}
    for i, mod in enumerate(REGISTRY):
        index[mod.CODE] = i
        doc = mod.__doc__.strip()
        rules.append({
            "id": mod.CODE,
            "name": "".join(w.capitalize() for w in mod.SLUG.split("-")),
            "shortDescription": {"text": doc.splitlines()[0].split(":", 1)[1].strip()},
            "fullDescription": {"text": doc},
            "help": {"text": f"{doc}\n\nSeverity: {mod.SEVERITY}\nBad: {mod.BAD}\nGood: {mod.GOOD}"},
            "properties": {"slug": mod.SLUG},
        })

    def loc(l):
        return {"physicalLocation": {
            "artifactLocation": {"uri": l.path.replace("\\", "/")},
            "region": {"startLine": l.line, "startColumn": l.col, "endColumn": l.col + len(l.snippet),
                       "snippet": {"text": l.snippet}}}}

    results = []
    for i, f in enumerate(r.findings):
        res = {
            "ruleId": f.code,
            "ruleIndex": index.get(f.code, 0),
            "level": LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [loc(f.locations[0])],
            "partialFingerprints": {f"claimAudit/v{fingerprint.version_of(f.fingerprint)}": f.fingerprint},
            "properties": {"status": r.status(i), "slug": f.slug},
        }
        if len(f.locations) > 1:
            res["relatedLocations"] = [dict(loc(l), id=k + 1) for k, l in enumerate(f.locations[1:])]
        if i in r.expected:
            res["baselineState"] = "unchanged"
        else:
            res["baselineState"] = "new"
        results.append(res)
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "claim-audit", "version": tool_version, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return dumps(sarif, depth=4, end="\n")
