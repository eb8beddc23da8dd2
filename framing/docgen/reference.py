"""Reference pages generated from the code itself: the click command tree and docstrings.

Both walk live objects (``framing.cli.cli``; modules by import) and write plain Markdown, so
the pages are checked into ``docs/`` and a test catches drift, as for the metric pages.
Nothing here runs a command or needs the network.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import inspect
import re
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

_RST_ROLE = re.compile(r":(?:func|class|meth|attr|data|mod|obj|exc|const):`~?([^`]+)`")
_RST_LITERAL = re.compile(r"``([^`]+)``")
_CODE_SPAN = re.compile(r"(`[^`]*`)")
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def _escape(text: str, chars: str) -> str:
    """Backslash-escape ``chars`` outside `code spans`; ``<`` becomes ``&lt;`` (no raw HTML)."""
    out = []
    for part in _CODE_SPAN.split(text):
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            out.append(part)
            continue
        part = part.replace("<", "&lt;")
        for c in chars:
            part = part.replace(c, "\\" + c)
        out.append(part)
    return "".join(out)


def _cell(text: str) -> str:
    """Text for a Markdown table cell: one line, no raw HTML, pipes and emphasis escaped."""
    return _escape(" ".join(text.split()), "*_[]|")


# --- CLI -----------------------------------------------------------------------------------


def _click_paragraphs(help_text: str) -> list[str]:
    """Click help as Markdown paragraphs: ``\\b`` blocks stay verbatim, ``\\f`` ends the help."""
    text = inspect.cleandoc(help_text).split("\f", 1)[0]
    out = []
    for para in re.split(r"\n\s*\n", text):
        if para.startswith("\b"):
            out.append("```text\n" + para[1:].strip("\n") + "\n```")
        elif para.strip():
            out.append(_escape(" ".join(para.split()), "*_[]"))
    return out


def _walk(cmd: Any, ctx: Any) -> Iterator[tuple[Any, Any]]:
    import click

    yield cmd, ctx
    if isinstance(cmd, click.Group):
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                sub_ctx = click.Context(sub, info_name=name, parent=ctx, **sub.context_settings)
                yield from _walk(sub, sub_ctx)


def cli_markdown(root: Any = None, prog: str = "framing") -> str:
    """docs/cli.md: every command of the click tree with usage, arguments and options.

    Groups added later (``framing lexicon …``) appear with their subcommands without changes
    here. The option column is click's own ``--help`` record, defaults and ranges included.
    """
    # Click stays out of the library: imported here, only when the CLI page is generated.
    import click

    if root is None:
        from framing.cli import cli as root
    # As `make_context` does: context_settings decide e.g. the help option names (-h, --help).
    top = click.Context(root, info_name=prog, **root.context_settings)
    commands = list(_walk(root, top))
    out = [
        "# Command-line reference",
        "",
        "Generated from the click command tree (`python -m framing.docgen`); do not edit by hand. "
        f"`{prog} COMMAND --help` prints the same in a terminal.",
        "",
        "| command | what it does |",
        "|---|---|",
    ]
    for cmd, ctx in commands[1:]:
        anchor = ctx.command_path.replace(" ", "-")
        short = cmd.get_short_help_str(limit=300)
        out.append(f"| [`{ctx.command_path}`](#{anchor}) | {_cell(short)} |")
    out.append("")
    for cmd, ctx in commands:
        out += _command_section(cmd, ctx)
    return "\n".join(out)


def _command_section(cmd: Any, ctx: Any) -> list[str]:
    import click

    path = ctx.command_path
    level = "#" * min(2 + path.count(" "), 4)
    usage = " ".join([path, *cmd.collect_usage_pieces(ctx)])
    out = [f"{level} `{path}` {{#{path.replace(' ', '-')}}}", "", "```text", usage, "```", ""]
    for para in _click_paragraphs(cmd.help or ""):
        out += [para, ""]
    params = cmd.get_params(ctx)
    args = [p for p in params if isinstance(p, click.Argument)]
    opts = [p for p in params if isinstance(p, click.Option) and not p.hidden]
    if args:
        out += ["Arguments:", "", "| argument | type | required |", "|---|---|---|"]
        for a in args:
            many = ", repeatable" if a.nargs == -1 else ""
            req = "yes" if a.required else "no"
            out.append(f"| `{a.make_metavar(ctx)}` | {_cell(a.type.name)}{many} | {req} |")
        out.append("")
    if opts:
        out += ["Options:", "", "| option | description |", "|---|---|"]
        for o in opts:
            record = o.get_help_record(ctx)
            if record is not None:
                out.append(f"| `{record[0]}` | {_cell(record[1])} |")
        out.append("")
    if isinstance(cmd, click.Group):
        names = cmd.list_commands(ctx)
        subs = [f"[`{path} {n}`](#{path.replace(' ', '-')}-{n})" for n in names]
        out += ["Commands: " + ", ".join(subs) + ".", ""]
    return out


# --- Python API ----------------------------------------------------------------------------


def available(modules: tuple[str, ...]) -> list[str]:
    """The modules of ``modules`` that exist in this checkout (others are on other branches)."""
    found = []
    for name in modules:
        try:
            spec = importlib.util.find_spec(name)
        except ModuleNotFoundError:
            spec = None
        if spec is not None:
            found.append(name)
    return found


def docstring_markdown(doc: str | None) -> str:
    """A docstring as Markdown: RST literals and roles become code, doctests a code block."""
    if not doc:
        return ""
    lines = inspect.cleandoc(doc).splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        if lines[i].lstrip().startswith(">>>"):
            if out and out[-1]:
                out.append("")
            out.append("```pycon")
            while i < len(lines) and lines[i].strip():
                out.append(lines[i].strip())
                i += 1
            out += ["```", ""]
            continue
        line = _RST_ROLE.sub(r"`\1`", _RST_LITERAL.sub(r"`\1`", lines[i]))
        out.append(_escape(line, ""))
        i += 1
    return "\n".join(out).strip()


def _annotation(a: Any) -> str:
    if a is inspect.Parameter.empty:
        return ""
    if isinstance(a, str):
        return a
    return inspect.formatannotation(a)


def _default(value: Any) -> str:
    """A value's repr without memory addresses, sets sorted (their order varies per run)."""
    return _ADDRESS.sub("", _repr(value))


def _repr(value: Any) -> str:
    if isinstance(value, (set, frozenset)):
        items = ", ".join(sorted(_repr(v) for v in value))
        if not value:
            return f"{type(value).__name__}()"
        return f"{{{items}}}" if type(value) is set else f"{type(value).__name__}({{{items}}})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_repr(k)}: {_repr(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_repr(v) for v in value) + "]"
    if isinstance(value, tuple) and type(value) is tuple:
        inner = ", ".join(_repr(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return repr(value)


def _constant(name: str, value: Any) -> str:
    """``NAME = value``: one item per line when long; very long values are summarised."""
    text = _default(value)
    if len(text) <= 96:
        return f"{name} = {text}"
    if isinstance(value, (list, tuple, dict)) and len(value) <= 40:
        if isinstance(value, dict):
            items = [f"{_default(k)}: {_default(v)}" for k, v in value.items()]
        else:
            items = [_default(v) for v in value]
        if all(len(i) <= 92 for i in items):
            close = {list: "[]", tuple: "()", dict: "{}"}[type(value)]
            body = "".join(f"    {i},\n" for i in items)
            return f"{name} = {close[0]}\n{body}{close[1]}"
    size = f"{len(value)} characters" if isinstance(value, str) else f"{len(value)} items"
    return f"{name}: {type(value).__name__}  # {size}; see the source"


def _comment_docs(module: ModuleType) -> dict[str, str]:
    """Sphinx-style ``#:`` comments above module-level assignments, by name."""
    try:
        lines = inspect.getsource(module).splitlines()
    except (OSError, TypeError):
        return {}
    docs: dict[str, str] = {}
    block: list[str] = []
    for line in lines:
        if line.startswith("#:"):
            block.append(line[2:].strip())
            continue
        m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)\s*(?::[^=]*)?=", line)
        if m and block:
            docs[m.group(1)] = " ".join(block)
        block = []
    return docs


def signature(obj: Callable[..., Any], name: str, skip_self: bool = False) -> str:
    """``name(params) -> ret`` as written in the source (annotations are not evaluated)."""
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return f"{name}(...)"
    parts: list[str] = []
    seen_kwonly = False
    params = list(sig.parameters.values())
    if skip_self and params and params[0].name in ("self", "cls"):
        params = params[1:]
    for k, p in enumerate(params):
        if k and params[k - 1].kind is p.POSITIONAL_ONLY and p.kind is not p.POSITIONAL_ONLY:
            parts.append("/")
        if p.kind is p.KEYWORD_ONLY and not seen_kwonly:
            parts.append("*")
        if p.kind in (p.KEYWORD_ONLY, p.VAR_POSITIONAL):
            seen_kwonly = True
        if p.kind is p.POSITIONAL_ONLY:
            text = p.name
        else:
            star = "*" if p.kind is p.VAR_POSITIONAL else "**" if p.kind is p.VAR_KEYWORD else ""
            text = star + p.name
        ann = _annotation(p.annotation)
        if ann:
            text += f": {ann}"
        if p.default is not p.empty:
            text += f" = {_default(p.default)}" if ann else f"={_default(p.default)}"
        parts.append(text)
    if params and params[-1].kind is inspect.Parameter.POSITIONAL_ONLY:
        parts.append("/")
    ret = _annotation(sig.return_annotation)
    tail = f" -> {ret}" if ret else ""
    one_line = f"{name}({', '.join(parts)}){tail}"
    if len(one_line) <= 96:
        return one_line
    return f"{name}(\n" + "".join(f"    {p},\n" for p in parts) + f"){tail}"


def _members(module: ModuleType, documented: dict[str, str]) -> list[tuple[str, Any]]:
    """``__all__`` in order, or what the module defines: public classes and functions, and
    constants documented with a ``#:`` comment."""
    names = getattr(module, "__all__", None)
    if names is not None:
        return [(n, getattr(module, n)) for n in names]
    return [
        (n, v)
        for n, v in vars(module).items()
        if not n.startswith("_")
        and (
            (
                (inspect.isclass(v) or inspect.isfunction(v))
                and getattr(v, "__module__", None) == module.__name__
            )
            or n in documented
        )
    ]


def _class_members(cls: type) -> list[tuple[str, Any]]:
    fields = {f.name for f in dataclasses.fields(cls)} if dataclasses.is_dataclass(cls) else set()
    out = []
    for n, v in vars(cls).items():
        if n.startswith("_") or n in fields:
            continue
        if isinstance(v, (staticmethod, classmethod)):
            v = v.__func__
        if inspect.isfunction(v) or isinstance(v, property):
            out.append((n, v))
    return out


def _block(code: str) -> list[str]:
    return ["```python", code, "```", ""]


def _doc(obj: Any) -> list[str]:
    text = docstring_markdown(inspect.getdoc(obj) if not isinstance(obj, property) else obj.__doc__)
    return [text, ""] if text else []


def api_markdown(module_name: str) -> str:
    """docs/api/MODULE.md: the module docstring, then each public member's signature and doc."""
    module = importlib.import_module(module_name)
    out = [
        f"# `{module_name}`",
        "",
        "Generated from the docstrings and signatures (`python -m framing.docgen`); "
        "do not edit by hand.",
        "",
    ]
    out += _doc(module)
    comments = _comment_docs(module)
    for name, obj in _members(module, comments):
        if inspect.isclass(obj):
            out += [f"## `{name}`", ""]
            init = (
                obj.__init__ if "__init__" in vars(obj) or dataclasses.is_dataclass(obj) else None
            )
            head = signature(init, name, skip_self=True) if init is not None else name
            if issubclass(obj, tuple) and hasattr(obj, "_fields"):  # a NamedTuple's fields
                notes = getattr(obj, "__annotations__", {})
                fields = [
                    f"{f}: {getattr(notes[f], '__forward_arg__', notes[f])}" for f in obj._fields
                ]
                head = f"{name}({', '.join(fields)})"
            head = head.removesuffix(" -> None")
            out += _block(f"class {head}")
            if obj.__doc__ and not obj.__doc__.startswith(f"{obj.__name__}("):
                out += _doc(obj)
            for mname, member in _class_members(obj):
                qual = f"{name}.{mname}"
                out += [f"### `{qual}`", ""]
                if isinstance(member, property):
                    fget = member.fget
                    ann = _annotation(inspect.signature(fget).return_annotation) if fget else ""
                    out += _block(f"{mname}: {ann}" if ann else mname)
                else:
                    out += _block(signature(member, mname, skip_self=True))
                out += _doc(member)
        elif callable(obj):
            out += [f"## `{name}`", ""]
            out += _block(signature(obj, name))
            out += _doc(obj)
        else:
            out += [f"## `{name}`", ""]
            out += _block(_constant(name, obj))
            if name in comments:
                out += [docstring_markdown(comments[name]), ""]
    return "\n".join(out).rstrip("\n") + "\n"
