"""`make run` and `make test` stop at once, with one line, when a system package is missing.

``scripts/system-deps`` asks dpkg; here it asks a stand-in ``dpkg-query`` (and ``apt-get``) put
first on ``PATH``, which knows of the packages listed in a file, so no package is removed or
installed for real.
"""

import os
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "system-deps"
RUN_PACKAGES = ["libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"]
TEST_PACKAGES = [
    *RUN_PACKAGES,
    "fonts-dejavu-core",
    "fonts-wqy-microhei",
    "fonts-noto-color-emoji",
    "chromium",
    "gettext",
]

FAKE_DPKG_QUERY = """#!/bin/sh
# Answers as dpkg-query -W does, for the packages listed in $INSTALLED_FILE.
status=0
for package in "$@"; do
  case "$package" in -*) continue ;; esac
  if grep -qx "$package" "$INSTALLED_FILE"; then
    echo "ii  $package"
  else
    echo "dpkg-query: no packages found matching $package" >&2
    status=1
  fi
done
exit $status
"""

FAKE_APT_GET = """#!/bin/sh
# Records its arguments; "install" adds the packages to $INSTALLED_FILE.
echo "apt-get $*" >> "$APT_LOG"
if [ "$1" = install ]; then
  for package in "$@"; do
    case "$package" in install|-*) ;; *) echo "$package" >> "$INSTALLED_FILE" ;; esac
  done
fi
"""

FAKE_ID = """#!/bin/sh
# Answers `id -u` with $FAKE_UID.
echo "${FAKE_UID:-0}"
"""


@pytest.fixture
def system(tmp_path):
    """A machine whose dpkg knows only what ``install(...)`` lists; ``run(...)`` runs a command on it."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, text in {"dpkg-query": FAKE_DPKG_QUERY, "apt-get": FAKE_APT_GET, "id": FAKE_ID}.items():
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    installed, apt_log = tmp_path / "installed", tmp_path / "apt.log"
    installed.write_text("")
    apt_log.write_text("")
    # Run as a person would from a shell: not as a sub-make of `make test` (which would make the
    # inner make print "Entering directory" lines and pass its own flags down).
    outer = {name: value for name, value in os.environ.items() if name not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    env = {
        **outer,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "INSTALLED_FILE": str(installed),
        "APT_LOG": str(apt_log),
    }

    class System:
        def install(self, *packages):
            installed.write_text("".join(f"{package}\n" for package in packages))

        def run(self, *command, uid=0):
            return subprocess.run(  # noqa: S603
                command, cwd=ROOT, env={**env, "FAKE_UID": str(uid)}, capture_output=True, text=True, timeout=60
            )

        apt_calls = property(lambda self: apt_log.read_text().splitlines())
        installed_packages = property(lambda self: installed.read_text().split())

    return System()


def test_check_says_nothing_when_everything_is_installed(system):
    system.install(*TEST_PACKAGES)
    for purpose in ("run", "test"):
        result = system.run(str(SCRIPT), "check", purpose)
        assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_check_names_only_the_missing_packages_in_one_line(system):
    system.install("libpango-1.0-0", "libpangoft2-1.0-0", "fonts-dejavu-core", "fonts-wqy-microhei")
    result = system.run(str(SCRIPT), "check", "test")
    assert result.returncode == 1
    assert result.stdout == (
        "make test needs system packages that are not installed: libharfbuzz-subset0 fonts-noto-color-emoji "
        "chromium gettext. Install them with: make system-deps\n"
    )


def test_check_gives_the_apt_get_line_to_whoever_is_not_root(system):
    system.install(*RUN_PACKAGES[:2])
    result = system.run(str(SCRIPT), "check", "run", uid=1000)
    assert result.stdout == (
        "make run needs system packages that are not installed: libharfbuzz-subset0. Install them with: "
        "sudo make system-deps (or: sudo apt-get update && sudo apt-get install --no-install-recommends "
        "libharfbuzz-subset0)\n"
    )


def test_system_deps_refuses_to_install_as_anyone_but_root(system):
    result = system.run("make", "system-deps", uid=1000)
    assert result.returncode == 2
    assert "run it as root (sudo make system-deps)" in result.stderr
    assert system.apt_calls == []


def test_make_run_needs_pdf_libraries_only(system):
    system.install(*RUN_PACKAGES)
    assert system.run(str(SCRIPT), "check", "run").returncode == 0
    assert "chromium" in system.run(str(SCRIPT), "check", "test").stdout


def test_check_is_fast(system):
    system.install(*TEST_PACKAGES[:2])
    started = time.perf_counter()
    system.run(str(SCRIPT), "check", "test")
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize("target", ["run", "test"])
def test_make_stops_before_anything_else_with_one_line(system, target):
    """``make -n`` prints the commands it would run; the check stops it before the first."""
    system.install("libpango-1.0-0", "libpangoft2-1.0-0")
    result = system.run("make", "-n", target)
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert f"make {target} needs system packages that are not installed: libharfbuzz-subset0" in line
    assert line.endswith("Install them with: make system-deps.  Stop.")


def test_make_goes_on_when_everything_is_installed(system):
    system.install(*TEST_PACKAGES)
    result = system.run("make", "-n", "run")
    assert result.returncode == 0, result.stderr
    assert "flask --app app run" in result.stdout


def test_system_deps_installs_what_is_missing_after_an_update(system):
    system.install("libpango-1.0-0", "fonts-dejavu-core")
    result = system.run("make", "system-deps")
    assert result.returncode == 0, result.stderr
    assert system.apt_calls[0] == "apt-get update -qq"
    (install,) = system.apt_calls[1:]
    assert install.split()[-6:] == [
        "libpangoft2-1.0-0",
        "libharfbuzz-subset0",
        "fonts-wqy-microhei",
        "fonts-noto-color-emoji",
        "chromium",
        "gettext",
    ]
    assert sorted(system.installed_packages) == sorted(TEST_PACKAGES)


def test_system_deps_does_nothing_when_everything_is_installed(system):
    system.install(*TEST_PACKAGES)
    assert system.run("make", "system-deps").returncode == 0
    assert system.apt_calls == []
