"""The README's Python examples run as written (each block in a fresh namespace after
the first, which imports entropyk), and print what a user would see."""
import pathlib
import re

import pytest

README = (pathlib.Path(__file__).resolve().parents[2] / "README.md").read_text()
BLOCKS = re.findall(r"```python\n(.*?)```", README, re.S)


def test_the_readme_has_examples():
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("block", range(len(BLOCKS)))
def test_readme_example_runs(block, capsys):
    namespace = {}
    exec("import entropyk as ek\n" + BLOCKS[block], namespace)
    printed = capsys.readouterr().out.split()
    cop = float(printed[-1])
    assert 2.0 < cop < 8.0
