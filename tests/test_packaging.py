"""The wheel ships what the package needs at run time.

The grammar lives at the top of the repository (``grammar/policy.lark``) and is put into the
wheel as ``govrules/grammar/policy.lark`` by hatchling's ``force-include``; ``py.typed`` tells type
checkers that the package is typed. A broken build configuration would only show once installed
from PyPI, so the wheel is built here and inspected, and the package is imported from it.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GRAMMAR = ROOT / "grammar" / "policy.lark"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel once for this module, into a temporary folder."""
    out = tmp_path_factory.mktemp("dist")
    cmd = [sys.executable, "-m", "build", "--wheel", "--outdir", str(out)]
    # With the build backend installed (the dev extra), build without an isolated environment:
    # no download is needed, so the test also runs offline.
    if importlib.util.find_spec("hatchling") is not None:
        cmd.append("--no-isolation")
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, f"wheel build failed:\n{proc.stdout}\n{proc.stderr}"
    wheels = sorted(out.glob("govrules-*.whl"))
    assert len(wheels) == 1, f"expected one wheel, found {[w.name for w in wheels]}"
    return wheels[0]


def _names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as zf:
        return zf.namelist()


def test_wheel_ships_the_grammar(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        assert "govrules/grammar/policy.lark" in zf.namelist()
        shipped = zf.read("govrules/grammar/policy.lark")
    assert shipped == GRAMMAR.read_bytes(), "the wheel's grammar differs from grammar/policy.lark"


def test_wheel_ships_py_typed(wheel: Path) -> None:
    assert "govrules/py.typed" in _names(wheel)


def test_wheel_holds_only_the_package(wheel: Path) -> None:
    names = _names(wheel)
    assert "govrules/__init__.py" in names
    stray = [n for n in names if not n.startswith(("govrules/", "govrules-"))]
    assert stray == [], f"unexpected files in the wheel: {stray}"


def test_wheel_declares_the_console_script(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        entry_points = next(n for n in zf.namelist() if n.endswith(".dist-info/entry_points.txt"))
        text = zf.read(entry_points).decode("utf-8")
    assert "[console_scripts]" in text
    assert any(line.replace(" ", "").startswith("govrules=govrules.cli:") for line in
               text.splitlines())


def test_package_from_the_wheel_parses_with_its_own_grammar(wheel: Path, tmp_path: Path) -> None:
    """Imported from the unpacked wheel, the package finds the grammar inside itself."""
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(tmp_path)
    script = (
        "import importlib.resources, govrules\n"
        "from govrules.syntax import parse_text\n"
        "print(govrules.__file__)\n"
        "print(importlib.resources.files('govrules').joinpath('grammar/policy.lark').is_file())\n"
        "module = parse_text('fact agency.kind : text en \"kind\"')\n"
        "print(module.items[0].name)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    location, packaged, name = proc.stdout.splitlines()
    assert Path(location).is_relative_to(tmp_path), f"imported from {location}, not the wheel"
    assert packaged == "True"
    assert name == "agency.kind"
