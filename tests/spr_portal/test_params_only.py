"""Numbers from a request are read by spr_portal/params.py or a form, never by hand in a view.

`"²".isdigit()` is true and `int("²")` fails: a view that parsed a posted revision that way
answered 500. The rule is strict so that it needs no judgement: a views module calls neither
`int()`, `float()` nor `Decimal()`, nor the `isdigit()` family that precedes them, on anything
at all; any other app module with a function taking `request` (middleware, context
processors, the API's endpoints) never applies them to an expression that names `request`."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "api", "assessments", "audit", "reports", "spr_portal", "threats")
NUMBERS = {"int", "float", "Decimal"}
DIGIT_TESTS = {"isdigit", "isdecimal", "isnumeric"}

# The view of the trend annex before it read the revision through a form.
HAND_PARSED = """
def report_trend_annex(request, pk):
    revision = request.POST.get("revision", "")
    report_trend_annex_set(revision=int(revision) if revision.isdigit() else -1)
"""


def _calls(tree: ast.AST):
    """Each call that parses a number or tests for digits, with how it is written."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Name) and node.func.id in NUMBERS:
            yield node, f"{node.func.id}()"
        elif isinstance(node.func, ast.Attribute) and node.func.attr in DIGIT_TESTS:
            yield node, f".{node.func.attr}()"


def _names_request(node: ast.Call) -> bool:
    return any(isinstance(inner, ast.Name) and inner.id == "request" for inner in ast.walk(node))


def hand_parsing(source: str, *, views: bool = True) -> list[str]:
    """Each number parsed by hand, as 'line: call': in a views module every one, elsewhere
    those applied to the request, and nothing in a module that handles no request."""
    tree = ast.parse(source)
    handles_requests = any(
        isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and any(arg.arg == "request" for arg in node.args.args)
        for node in ast.walk(tree)
    )
    if not (views or handles_requests):
        return []
    found = [
        (node.lineno, node.col_offset, f"{node.lineno}: {name}")
        for node, name in _calls(tree)
        if views or _names_request(node)
    ]
    return [text for *_, text in sorted(found)]


def _is_views(path: Path) -> bool:
    return path.name.startswith("views") or "views" in path.relative_to(ROOT).parts


def _request_modules() -> list[Path]:
    modules = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts or path.name == "params.py":
                continue
            modules.append(path)
    return modules


def test_the_rule_catches_the_view_that_answered_500():
    assert hand_parsing(HAND_PARSED) == ["4: int()", "4: .isdigit()"]
    # Outside a views module, only what is applied to the request itself.
    assert hand_parsing(HAND_PARSED, views=False) == []
    applied = "def middleware(request):\n    return int(request.GET['page'])\n"
    assert hand_parsing(applied, views=False) == ["2: int()"]
    assert (
        hand_parsing("def middleware(request):\n    return int(time.time())\n", views=False) == []
    )


def test_the_rule_sees_every_views_module():
    views = [path for path in _request_modules() if _is_views(path)]
    assert len(views) >= 30  # every app's views, so that none is missed by the walk
    without_request = [
        str(path.relative_to(ROOT))
        for path in views
        if path.name != "__init__.py" and "request" not in path.read_text()
    ]
    assert without_request == []


def test_no_module_that_handles_requests_parses_a_number_by_hand():
    """Read numbers with spr_portal/params.py (id_param, the <id:…> converter) or a form."""
    found = {
        str(path.relative_to(ROOT)): hand_parsing(path.read_text(), views=_is_views(path))
        for path in _request_modules()
    }
    assert {path: calls for path, calls in found.items() if calls} == {}
