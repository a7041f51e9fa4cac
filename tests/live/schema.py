#!/usr/bin/env python3
# schema.py - validate fourway's JSON outputs against doc/fourway.schema.json.
#   schema.py SCHEMA document FILE...   each FILE an `analyze --json` document
#   schema.py SCHEMA events FILE...     each line of each FILE a `live --json` event
# Prints the first errors and exits 1 when one fails; 77 (SKIP) without the
# jsonschema module (Debian: python3-jsonschema).
import json
import sys

try:
    import jsonschema
except ImportError:
    print("schema.py: python3-jsonschema not installed", file=sys.stderr)
    sys.exit(77)


def main():
    if len(sys.argv) < 4 or sys.argv[2] not in ("document", "events"):
        print("usage: schema.py SCHEMA document|events FILE...", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    kind = sys.argv[2]
    sub = dict(schema)
    sub["oneOf"] = [{"$ref": "#/$defs/" + ("document" if kind == "document" else "event")}]
    v = jsonschema.Draft202012Validator(sub)
    bad = 0
    for path in sys.argv[3:]:
        with open(path, encoding="utf-8") as f:
            items = [json.load(f)] if kind == "document" else [json.loads(l) for l in f if l.strip()]
        for n, item in enumerate(items, 1):
            errs = sorted(v.iter_errors(item), key=lambda e: list(e.absolute_path))
            if errs:
                bad += 1
                if bad <= 5:
                    e = jsonschema.exceptions.best_match(errs)
                    print("%s:%d: %s at %s" % (path, n, e.message[:300], list(e.absolute_path)))
    return 1 if bad else 0


sys.exit(main())
