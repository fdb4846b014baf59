"""docs/questions.md: every command on the page runs and prints exactly the output shown.

Regenerate the outputs after a deliberate change (then read the diff!):
    python tests/test_questions.py
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "questions.md"
BLOCK = re.compile(r"```console\n\$ (?P<command>[^\n]+)\n(?P<output>.*?)```", re.S)
COLUMNS = 80  # the page shows a terminal of 80 columns


def blocks(text: str) -> list[tuple[str, str]]:
    return [(m["command"], m["output"]) for m in BLOCK.finditer(text)]


def run(command: str) -> subprocess.CompletedProcess:
    args = shlex.split(command)
    assert args[0] == "mkgraph", command
    env = {**os.environ, "COLUMNS": str(COLUMNS)}
    return subprocess.run([sys.executable, "-m", "mkgraph", *args[1:]], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env=env)


def test_the_page_answers_every_question_of_the_mission():
    text = PAGE.read_text(encoding="utf-8")
    questions = re.findall(r"^## (.+)$", text, re.M)
    assert len(questions) == len(blocks(text)) >= 7  # one command per question
    commands = " ".join(c for c, _ in blocks(text))
    for needed in ("addressee=Bund", "applicants", "acknowledgement,criticism", "concerned", "linked-records",
                   "mkgraph link"):
        assert needed in commands


@pytest.mark.parametrize("command,output", blocks(PAGE.read_text(encoding="utf-8")),
                         ids=lambda x: x if not x.endswith("\n") else "")
def test_each_command_prints_what_the_page_shows(command, output):
    r = run(command)
    assert r.returncode == 0, r.stderr
    assert _lines(r.stdout) == _lines(output)


def _lines(text: str) -> list[str]:
    # rich pads a table's title to the table's width; an editor may strip that, nothing else
    return [line.rstrip() for line in text.splitlines()]


def regenerate() -> None:
    text = PAGE.read_text(encoding="utf-8")

    def fill(m: re.Match) -> str:
        r = run(m["command"])
        if r.returncode != 0:
            raise SystemExit(f"{m['command']}: exit {r.returncode}: {r.stderr}")
        return f"```console\n$ {m['command']}\n" + "".join(line + "\n" for line in _lines(r.stdout)) + "```"

    PAGE.write_text(BLOCK.sub(fill, text), encoding="utf-8")


if __name__ == "__main__":
    regenerate()
