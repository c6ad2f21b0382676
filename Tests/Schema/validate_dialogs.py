#!/usr/bin/env python3
"""Validates every dialog under a folder against Dialogs/schema/*.schema.json.

YAML is read with PyYAML's BaseLoader, so every scalar stays a string as the intake loader reads
it (the schemas accept numbers and booleans written as text). Exits 1 on any violation.
"""
import json
import pathlib
import sys

import jsonschema
import yaml

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Dialogs")
schemas = {p.name.split(".")[0]: json.loads(p.read_text()) for p in (root / "schema").glob("*.schema.json")}


def kind_of(path: pathlib.Path, dialog: pathlib.Path, manifest: dict) -> str | None:
    relative = path.relative_to(dialog).as_posix()
    if path.name == "dialog.yaml":
        return "manifest"
    if relative in manifest.get("sections", []):
        return "section"
    if relative == manifest.get("settings"):
        return "settings"
    if relative == manifest.get("scoring"):
        return "scoring"
    if relative == manifest.get("rules"):
        return "rules"
    if relative == manifest.get("note"):
        return "note"
    if relative in manifest.get("lexicons", []):
        return "lexicon"
    if relative in manifest.get("translations", []):
        return "translation"
    return None


failures = 0
checked = 0
for manifest_path in sorted(root.glob("*/dialog.yaml")):
    dialog = manifest_path.parent
    manifest = yaml.load(manifest_path.read_text(), Loader=yaml.BaseLoader) or {}
    for path in sorted(dialog.rglob("*.yaml")):
        if "transcripts" in path.parts:
            continue
        kind = kind_of(path, dialog, manifest)
        if kind is None:
            print(f"{path}: not listed in {manifest_path}", file=sys.stderr)
            failures += 1
            continue
        document = yaml.load(path.read_text(), Loader=yaml.BaseLoader)
        validator = jsonschema.Draft202012Validator(schemas[kind])
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.path)):
            where = "/".join(str(p) for p in error.path)
            print(f"{path}: schema ({kind}) at /{where}: {error.message}", file=sys.stderr)
            failures += 1
        checked += 1

print(f"schema: {checked} dialog files checked, {failures} problems")
sys.exit(1 if failures or checked == 0 else 0)
