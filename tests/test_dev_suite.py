"""`python3 dev.py test` runs the whole suite on every core, and one named file in one process."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import tomllib

from conftest import PROJECT, dev_script


def test_the_whole_suite_runs_one_worker_per_core_each_file_in_one_worker():
    spread = dev_script().spread
    for whole in ([], ["-x"], ["-k", "search"], ["tests"], ["--durations=20"]):
        assert spread(whole) == ["-n", "logical", "--dist", "loadfile"], whole


def test_a_named_file_or_a_chosen_worker_count_is_run_as_asked():
    spread = dev_script().spread
    for asked in (
        ["tests/test_search.py"],
        ["tests/test_search.py::test_search_finds_words", "-q"],
        ["-n", "0"],
        ["-n2"],
        ["--numprocesses=3"],
        ["-p", "no:xdist"],
    ):
        assert spread(asked) == [], asked


def test_the_parallel_runner_is_pinned_and_locked_with_hashes():
    extra = tomllib.loads((PROJECT / "pyproject.toml").read_text("utf-8"))["project"]
    pins = extra["optional-dependencies"]["dev"]
    assert [pin for pin in pins if pin.startswith("pytest-xdist==")], pins
    lock = (PROJECT / "requirements.lock").read_text("utf-8")
    for name in ("pytest-xdist", "execnet"):  # execnet: how xdist talks to its workers
        assert re.search(rf"^{name}==\S+ \\\n    --hash=sha256:[0-9a-f]{{64}}", lock, re.M), name


def test_the_code_under_test_is_compiled_once_even_where_bytecode_is_never_written(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")  # as on machines that set it
    package = tmp_path / "src" / "paquet"
    package.mkdir(parents=True)
    (package / "module.py").write_text("VALUE = 1\n", encoding="utf-8")
    dev_script().write_bytecode(tmp_path / "src")
    assert [p.name for p in (package / "__pycache__").iterdir()] == [
        f"module.{sys.implementation.cache_tag}.pyc"
    ]


# What the inner run below checks: Ctrl-C reaches this process and the commands it starts.
SIGINT_SEEN = "import signal; print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)"


def test_ctrl_c_reaches_the_tests_commands_even_when_the_suite_starts_with_it_ignored():
    """As `python3 dev.py test &` from a script: SIGINT ignored, inherited by every process."""
    inner = "tests/test_dev_suite.py::test_ctrl_c_reaches_this_test_and_what_it_starts"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", inner],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_ctrl_c_reaches_this_test_and_what_it_starts():
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    started = subprocess.run([sys.executable, "-c", SIGINT_SEEN], capture_output=True, text=True)
    assert started.stdout.split() == ["True"]
