"""How the code is organised: the apps are layers, and each imports only its own layer and those below.

home (what every page shares) ← programs ← blog ← search. The import check reads every module's
source, imports inside functions included, so an import moved into a function to dodge a cycle
still counts.
"""

import ast
from pathlib import Path

import pytest
from wagtail.models import get_page_models

from home.pages import BasePage

ROOT = Path(__file__).resolve().parent.parent
# Lowest first: an app may import the apps before it in this list, never those after it.
LAYERS = ("home", "programs", "blog", "search")


def imported_modules(source, module, is_package=False):
    """(line, imported module name, inside a function) for every import in `source`, the source of
    `module` (a dotted name; `is_package` for an `__init__.py`), relative imports resolved."""
    tree = ast.parse(source)
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inside.update(id(child) for child in ast.walk(node) if child is not node)
    package = module.split(".") if is_package else module.split(".")[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            prefix = ".".join([*base, node.module] if node.module else base)
            names = [prefix] if node.module else [f"{prefix}.{alias.name}" for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            names = [node.args[0].value]
        else:
            continue
        found.extend((node.lineno, name, id(node) in inside) for name in names)
    return found


def layer_of(name):
    top = name.split(".")[0]
    return LAYERS.index(top) if top in LAYERS else None


def wrong_way_imports(source, module, is_package=False):
    """Imports of `module` that reach a higher layer, as readable lines."""
    own = layer_of(module)
    return [
        f"{module} line {line}: imports {name}{' inside a function' if in_function else ''}"
        f" ({module.split('.')[0]} is below {name.split('.')[0]})"
        for line, name, in_function in imported_modules(source, module, is_package)
        if layer_of(name) is not None and layer_of(name) > own
    ]


def project_modules():
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).with_suffix("")
            is_package = relative.name == "__init__"
            parts = relative.parts[:-1] if is_package else relative.parts
            yield ".".join(parts), is_package, path.read_text(encoding="utf-8")


def test_every_app_is_read():
    modules = {module for module, _is_package, _source in project_modules()}
    assert {"home.models", "home.pages", "programs.models", "blog.models", "search.engine"} <= modules


def test_no_app_imports_an_app_above_it():
    offences = [
        offence
        for module, is_package, source in project_modules()
        for offence in wrong_way_imports(source, module, is_package)
    ]
    assert not offences, "Imports that point up the layers:\n" + "\n".join(offences)


def test_apps_import_other_apps_only_at_the_top_of_a_module():
    """An import of another app inside a function is the usual way to hide a cycle; between apps
    there is none to hide, so there is no reason for one."""
    offences = [
        f"{module} line {line}: imports {name} inside a function"
        for module, is_package, source in project_modules()
        for line, name, in_function in imported_modules(source, module, is_package)
        if in_function and layer_of(name) is not None and name.split(".")[0] != module.split(".")[0]
    ]
    assert not offences, "\n".join(offences)


@pytest.mark.parametrize(
    ("source", "module", "expected"),
    [
        ("from programs.models import SessionPage\n", "home.models", "imports programs.models"),
        (
            "def f():\n    import blog.models\n",
            "programs.models.series",
            "imports blog.models inside a function",
        ),
        ("from . import feeds\n", "blog.models", None),
        ("from ..models import SiteSettings\n", "home.templatetags.site_tags", None),
        ("import_module('search.engine')\n", "programs.calendars", "imports search.engine"),
    ],
)
def test_the_import_check_sees_imports_in_every_form(source, module, expected):
    offences = wrong_way_imports(source, module)
    if expected is None:
        assert offences == []
    else:
        assert len(offences) == 1 and expected in offences[0]


@pytest.mark.parametrize(
    ("source", "module", "is_package", "expected"),
    [
        ("from .sessions import SessionPage\n", "programs.models.series", False, "programs.models.sessions"),
        ("from .sessions import SessionPage\n", "programs.models", True, "programs.models.sessions"),
        ("from . import content\n", "search.demo.loader", False, "search.demo.content"),
        ("from ...demo import loader\n", "search.management.commands.x", False, "search.demo"),
    ],
)
def test_the_import_check_resolves_relative_imports(source, module, is_package, expected):
    assert [name for _line, name, _inside in imported_modules(source, module, is_package)] == [expected]


def test_every_public_page_type_is_built_on_the_base_page():
    page_types = [model for model in get_page_models() if model._meta.app_label in LAYERS]
    assert len(page_types) >= 12
    assert [model.__name__ for model in page_types if not issubclass(model, BasePage)] == []
