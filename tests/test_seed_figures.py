"""Every figure in the five seed articles, against the reviewed golden file."""
from __future__ import annotations

import pytest
import yaml

from .conftest import ROOT
from .seed_figures import figure_lines

GOLDEN = yaml.safe_load((ROOT / "tests" / "data" / "seed_figures.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_seed_figures(name):
    assert figure_lines(ROOT / "seeds" / name) == GOLDEN[name]


def test_every_seed_is_covered():
    assert sorted(p.name for p in (ROOT / "seeds").glob("*.txt")) == sorted(GOLDEN)


KEY_FIGURES = [
    ("000_32b57c4ec0c8dd22.txt", "2800億元 amount 2.8e+11 CNY exact"),
    ("000_32b57c4ec0c8dd22.txt", "85.18億元 amount 8.518e+09 CNY exact"),
    ("000_32b57c4ec0c8dd22.txt", "人民幣85億元 amount 8.5e+09 CNY exact"),
    ("000_32b57c4ec0c8dd22.txt", "1.51億臺 count 1.51e+08 device exact"),
    ("000_32b57c4ec0c8dd22.txt", "4000萬臺 count 4e+07 device exact"),
    ("000_32b57c4ec0c8dd22.txt", "1200人 count 1200 person over"),
    ("001_86a1c3c94e1e9183.txt", "60億級 number 6e+09 - class"),
    ("002_e07aa243f7067a1b.txt", "64亿 number 6.4e+09 - exact"),
    ("003_566fa8b1e22fcf55.txt", "5000万美元 amount 5e+07 USD exact"),
    ("004_e30cb15d560eed10.txt", "10萬元 amount 100000 CNY over"),
    ("004_e30cb15d560eed10.txt", "100萬元 amount 1e+06 CNY exact"),
]


@pytest.mark.parametrize("name,figure", KEY_FIGURES)
def test_key_figures(name, figure):
    assert any(line.split(" ", 1)[1] == figure for line in figure_lines(ROOT / "seeds" / name))
