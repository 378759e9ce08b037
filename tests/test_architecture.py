"""The layout rules of STYLE.md that a test can see: domain apps do not know the frontends, and
services never see an HTTP request.

A domain app (everything under apps/ except the frontends) may export services, queries, forms,
API views and template fragments; pages, URL names and page templates belong to a frontend. A
domain module that must link to a page asks :mod:`apps.core.links`; a domain fragment that
links into a workspace takes the URL (or the workspace's namespace ``ns``) from its context.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ROOT / "apps"
#: The frontends, and the page kit the two workspaces share.
FRONTENDS = ("migrant", "authority", "ngo", "workspace")

#: Nothing is allowed to break the rules any more (the workspace pages moved into apps/workspace,
#: the kit the workspaces share); keep these empty: link through apps.core.links, or take the URL
#: from the template's context.
ALLOWED_MODULES: set[str] = set()
ALLOWED_TEMPLATE_DIRS: set[str] = set()

_NAMES = "|".join(FRONTENDS)
#: A frontend's URL name ("migrant:event") or template ("authority/base.html").
URL_NAME = re.compile(rf"(?<![\w./-])(?:{_NAMES}):\w+")
TEMPLATE_NAME = re.compile(rf"(?<![\w./-])(?:{_NAMES})/[\w./-]*\.(?:html|txt|xml|ics)\b")
#: In a template: {% url 'ngo:index' %}, {% extends "migrant/base.html" %}, {% include ... %}.
TEMPLATE_TAG = re.compile(rf"""\{{%-?\s*(?:url|extends|include)\s+["'](?:{_NAMES})[:/][\w./-]*""")


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def domain_apps() -> list[Path]:
    return sorted(
        path
        for path in APPS.iterdir()
        if path.is_dir() and (path / "apps.py").exists() and path.name not in FRONTENDS
    )


def python_problems(source: str) -> list[str]:
    """Frontend URL names, template names and imports in a module's code (not its comments)."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for pattern in (URL_NAME, TEMPLATE_NAME):
                problems += [
                    f"line {node.lineno}: {m.group()}" for m in pattern.finditer(node.value)
                ]
        elif isinstance(node, ast.ImportFrom | ast.Import):
            if isinstance(node, ast.ImportFrom):
                modules = [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                modules = [alias.name for alias in node.names]
            problems += [
                f"line {node.lineno}: imports {module}"
                for module in modules
                if module.split(".")[:2] in (["apps", name] for name in FRONTENDS)
            ]
    return problems


def template_problems(text: str) -> list[str]:
    return [
        f"line {text.count(chr(10), 0, match.start()) + 1}: {match.group()}"
        for match in TEMPLATE_TAG.finditer(text)
    ]


def test_domain_modules_name_no_frontend():
    found = {}
    for app in domain_apps():
        for path in app.rglob("*.py"):
            if _relative(path) in ALLOWED_MODULES:
                continue
            problems = python_problems(path.read_text(encoding="utf-8"))
            if problems:
                found[_relative(path)] = problems
    assert not found, (
        f"Domain modules name a frontend; ask apps.core.links instead (see STYLE.md): {found}"
    )


def test_domain_templates_name_no_frontend():
    found = {}
    for app in domain_apps():
        for path in (app / "templates").rglob("*") if (app / "templates").is_dir() else []:
            name = _relative(path)
            if not path.is_file() or any(name.startswith(d) for d in ALLOWED_TEMPLATE_DIRS):
                continue
            problems = template_problems(path.read_text(encoding="utf-8"))
            if problems:
                found[name] = problems
    assert not found, (
        "Domain templates link or extend a frontend; pages belong in the frontend's templates, "
        f"fragments take their URLs from the context: {found}"
    )


def test_services_never_take_a_request():
    """Services are called from views, the API, Celery tasks and management commands alike:
    they get what they need (a base URL, a language), never an HttpRequest."""
    found = {}
    for app in domain_apps():
        path = app / "services.py"
        if not path.exists():
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
                if any(
                    argument.arg == "request" or "HttpRequest" in ast.unparse(argument.annotation)
                    for argument in arguments
                    if argument.arg == "request" or argument.annotation is not None
                ):
                    found.setdefault(_relative(path), []).append(node.name)
    assert not found, f"Services that take a request: {found}"


def test_the_checks_see_what_they_look_for():
    assert python_problems('reverse("migrant:event", kwargs={})')
    assert python_problems('render(request, "authority/dashboard.html")')
    assert python_problems("from apps.ngo.views import index")
    assert python_problems("from apps import migrant")
    assert not python_problems('reverse(f"{namespace}:content_detail")  # authority: ...')
    assert not python_problems('"""Shared by the NGO and authority workspaces (apps/ngo/)."""')
    assert template_problems("{% extends 'migrant/base.html' %}")
    assert template_problems('<a href="{% url "ngo:index" %}">')
    assert not template_problems("{% url ns|add:':dataset_data' item.pk %}")
    assert not template_problems('{% include "components/language_notice.html" %}')


def test_the_allow_list_names_only_files_that_exist():
    """When a workspace page moves into its frontend, its entry leaves the allow-list."""
    missing = [
        name for name in ALLOWED_MODULES | ALLOWED_TEMPLATE_DIRS if not (ROOT / name).exists()
    ]
    assert not missing, f"Remove from the allow-list: {missing}"


def test_services_never_import_tasks():
    """Tasks call services; a service queues a task by name (apps.core.jobs), never by import."""
    offenders = []
    for path in APPS.glob("*/services.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom):
                names = [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            offenders += [f"{_relative(path)}: {n}" for n in names if n.endswith(".tasks")]
    assert offenders == []


def test_domain_apps_have_no_pages():
    """Pages and their URLs belong to a frontend (or the workspace kit); a domain app exports
    services, queries, forms and its API. apps/core keeps the site's plumbing (health check,
    language switch, the region's stylesheet, error pages)."""
    pages = [
        _relative(path)
        for app in domain_apps()
        if app.name != "core"
        for path in (*app.glob("*views.py"), app / "urls.py")
        if path.exists()
    ]
    assert pages == []
