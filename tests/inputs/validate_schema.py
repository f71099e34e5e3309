#!/usr/bin/env python3
"""Validate YAML CVs against rescomp's JSON Schema (draft-07).

usage: validate_schema.py SCHEMA --valid FILE... --invalid FILE...

Every --valid file must validate and every --invalid file must not. YAML is
read as editors read it (yaml-language-server's YAML 1.2): unquoted dates
such as 2021-03-01 stay strings rather than becoming date objects.
"""
import json
import sys

import jsonschema
import yaml


class Loader(yaml.SafeLoader):
    pass


# YAML 1.2 has no timestamp type: keep 2021-03-01 as text.
Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def main(argv):
    schema = json.load(open(argv[1], encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    mode, failures, checked = None, 0, 0
    for arg in argv[2:]:
        if arg in ("--valid", "--invalid"):
            mode = arg
            continue
        with open(arg, encoding="utf-8") as f:
            doc = yaml.load(f, Loader=Loader)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        checked += 1
        if mode == "--valid" and errors:
            failures += 1
            for e in errors[:5]:
                where = ".".join(str(p) for p in e.path)
                print(f"{arg}: {where}: {e.message[:200]}")
        elif mode == "--invalid" and not errors:
            failures += 1
            print(f"{arg}: validates, but it must not")
        elif mode == "--invalid":
            print(f"{arg}: rejected as expected: {errors[0].message[:120]}")
    print(f"{checked - failures} passed, {failures} failed")
    return 1 if failures or not checked else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
