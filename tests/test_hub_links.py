"""tools/hub_links.py: the nbgitpuller link that sends a student to each notebook on a JupyterHub."""
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from toolload import load_tool

ROOT = Path(__file__).resolve().parents[1]
hl = load_tool("hub_links")

HUB, REPO = "https://hub.example.org", "https://github.com/ORG/REPO"
OVERVIEW = ("https://hub.example.org/hub/user-redirect/git-pull?repo=https://github.com/ORG/REPO"
            "&urlpath=lab/tree/REPO/notebooks/00_overview.ipynb&branch=main")


def test_overview_link_is_the_documented_template():
    assert hl.hub_link(HUB, REPO, "notebooks/00_overview.ipynb") == OVERVIEW
    assert hl.hub_link(HUB + "/", REPO + "/", "/notebooks/00_overview.ipynb") == OVERVIEW.replace(
        "repo=https://github.com/ORG/REPO&", "repo=https://github.com/ORG/REPO/&")


@pytest.mark.parametrize("repo, folder", [
    ("https://github.com/ORG/REPO", "REPO"),
    ("https://github.com/ORG/REPO/", "REPO"),          # nbgitpuller strips trailing slashes
    ("https://github.com/ORG/REPO.git", "REPO.git"),   # ... but keeps .git in the folder name
    ("git@github.com:ORG/rnn-notebooks.git", "rnn-notebooks.git"),
])
def test_clone_folder_is_nbgitpullers_default(repo, folder):
    assert hl.clone_folder(repo) == folder
    query = parse_qs(urlsplit(hl.hub_link(HUB, repo, "notebooks/05_bptt.ipynb")).query)
    assert query["urlpath"] == [f"lab/tree/{folder}/notebooks/05_bptt.ipynb"]


def test_branch_parent_and_hub_prefix():
    link = hl.hub_link("https://uni.example.org/jupyter/", REPO, "notebooks/07_lstm.ipynb", branch="spring-2027", parent="courses")
    parts = urlsplit(link)
    assert parts.netloc == "uni.example.org" and parts.path == "/jupyter/hub/user-redirect/git-pull"
    assert parse_qs(parts.query) == {"repo": [REPO], "urlpath": ["lab/tree/courses/REPO/notebooks/07_lstm.ipynb"],
                                     "branch": ["spring-2027"]}


def test_special_characters_are_encoded_and_decode_back():
    repo = "https://git.example.org/a b/R&D?x=1#frag"
    link = hl.hub_link(HUB, repo, "notebooks/00_overview.ipynb")
    query = urlsplit(link).query
    assert " " not in link and "#" not in link and query.count("&") == 2
    assert parse_qs(query)["repo"] == [repo]


@pytest.mark.parametrize("hub", ["hub.example.org", "ftp://hub.example.org", "https://", "https://hub.example.org/?a=1", ""])
def test_bad_hub_is_refused(hub):
    with pytest.raises(ValueError, match="hub"):
        hl.hub_link(hub, REPO, "notebooks/00_overview.ipynb")


def test_bad_arguments_name_the_argument():
    with pytest.raises(TypeError, match="hub"):
        hl.hub_link(None, REPO, "notebooks/00_overview.ipynb")
    with pytest.raises(TypeError, match="repo"):
        hl.hub_link(HUB, 3, "notebooks/00_overview.ipynb")
    with pytest.raises(ValueError, match="repo"):
        hl.hub_link(HUB, "", "notebooks/00_overview.ipynb")
    with pytest.raises(ValueError, match="repo"):
        hl.clone_folder("///")
    with pytest.raises(ValueError, match="branch"):
        hl.hub_link(HUB, REPO, "notebooks/00_overview.ipynb", branch=" ")
    with pytest.raises(ValueError, match="notebook"):
        hl.hub_link(HUB, REPO, "/")


def test_notebooks_are_the_series_in_order(tmp_path):
    found = hl.notebooks()
    assert found[0] == "notebooks/00_overview.ipynb" and len(found) == len(list((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    assert found == sorted(found)
    (tmp_path / "notebooks").mkdir()
    for name in ["01_b.ipynb", "00_a.ipynb", "scratch.ipynb", "10_c.txt"]:
        (tmp_path / "notebooks" / name).write_text("{}")
    assert hl.notebooks(tmp_path) == ["notebooks/00_a.ipynb", "notebooks/01_b.ipynb"]
    with pytest.raises(FileNotFoundError):
        hl.notebooks(tmp_path / "nowhere")


def test_main_prints_one_link_per_notebook(capsys):
    assert hl.main(["--hub", HUB, "--repo", REPO]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(hl.notebooks())
    assert lines[0].split() == ["00_overview.ipynb", OVERVIEW]
    assert all(line.split()[1].endswith(f"{line.split()[0]}&branch=main") for line in lines)


def test_main_refuses_a_missing_hub(capsys):
    with pytest.raises(SystemExit) as exit_info:
        hl.main(["--hub", "", "--repo", REPO])
    assert exit_info.value.code == 2 and "hub must be" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_links_target():
    out = subprocess.run(["make", "-s", "links", f"HUB={HUB}", f"REPO={REPO}"], cwd=ROOT,
                         capture_output=True, text=True, timeout=30, check=True).stdout
    assert out.splitlines()[0].split() == ["00_overview.ipynb", OVERVIEW]
