"""The apps depend one way (docs/architecture.md): each may import those before it in LAYERS,
never one after it. The root URLconf and the home page are the two exceptions: they are where
the project looks at every app, and the map says why."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = [
    "spr_portal",
    "threats",
    "audit",
    "accounts",
    "assessments",
    "reports",
    "onboarding",
    "api",
]
EXCEPTIONS = {"spr_portal/urls.py", "spr_portal/views.py"}


def imports_upward(path: Path) -> list[str]:
    """Each import in the file of an app that comes after the file's own app in LAYERS."""
    own = LAYERS.index(path.relative_to(ROOT).parts[0])
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in LAYERS and LAYERS.index(top) > own:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
    return found


def app_modules():
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" not in relative and relative not in EXCEPTIONS:
                yield path


def test_no_app_imports_one_above_it():
    assert [line for path in app_modules() for line in imports_upward(path)] == []


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    """The walk above would catch the audit trail reading the quarters' model directly."""
    module = ROOT / "audit" / "_layering_probe.py"
    monkeypatch.setattr(Path, "read_text", lambda self: "from assessments.models import Quarter\n")
    assert imports_upward(module) == ["audit/_layering_probe.py:1 imports assessments.models"]
