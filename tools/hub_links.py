"""Print the nbgitpuller link of every notebook, for a JupyterHub and this repository's public URL.

    python tools/hub_links.py --hub https://hub.example.org --repo https://github.com/ORG/REPO [--branch main]
    make links HUB=https://hub.example.org REPO=https://github.com/ORG/REPO

A student who clicks a link logs in to the hub; nbgitpuller clones the repository into their home
folder (or updates the copy they have) and opens the notebook in JupyterLab. The folder is named as
nbgitpuller names it by default: the last part of the repository URL (`REPO` for
`https://github.com/ORG/REPO`, `REPO.git` for `https://github.com/ORG/REPO.git`), under
`--parent` if the hub sets NBGITPULLER_PARENTPATH. Only the standard library is used, so it runs
with any Python 3.10+.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]


def clone_folder(repo: str) -> str:
    """The folder nbgitpuller clones `repo` into: the last part of the URL, trailing slashes removed."""
    if not isinstance(repo, str):
        raise TypeError(f"repo must be a string, got {type(repo).__name__}")
    name = repo.strip().rstrip("/").split("/")[-1]
    if not name or name in {".", ".."}:
        raise ValueError(f"repo must be a git URL such as https://github.com/ORG/REPO, got {repo!r}")
    return name


def git_pull_query(repo: str, notebook: str, branch: str = "main", parent: str = "") -> str:
    """The query string of nbgitpuller's git-pull endpoint that opens `notebook` (a path inside the repository)."""
    for label, value in (("notebook", notebook), ("branch", branch), ("parent", parent)):
        if not isinstance(value, str):
            raise TypeError(f"{label} must be a string, got {type(value).__name__}")
    if not branch.strip():
        raise ValueError("branch must not be empty")
    notebook = notebook.strip().strip("/")
    if not notebook:
        raise ValueError("notebook must be a path inside the repository, e.g. notebooks/00_overview.ipynb")
    folder = "/".join(part for part in (parent.strip("/"), clone_folder(repo), notebook) if part)
    params = [("repo", repo.strip()), ("urlpath", f"lab/tree/{folder}"), ("branch", branch.strip())]
    # '/' and ':' may stay as they are in a query string, which keeps the link readable;
    # everything else that is not plain (spaces, &, =, ?, #, +) is percent-encoded.
    return urlencode(params, safe="/:", quote_via=quote)


def hub_link(hub: str, repo: str, notebook: str, branch: str = "main", parent: str = "") -> str:
    """https://HUB/hub/user-redirect/git-pull?repo=...&urlpath=lab/tree/FOLDER/NOTEBOOK&branch=BRANCH"""
    if not isinstance(hub, str):
        raise TypeError(f"hub must be a string, got {type(hub).__name__}")
    parts = urlsplit(hub.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"hub must be the hub's address, such as https://hub.example.org, got {hub!r}")
    base = hub.strip().rstrip("/")
    return f"{base}/hub/user-redirect/git-pull?{git_pull_query(repo, notebook, branch, parent)}"


def notebooks(root: Path = ROOT) -> list[str]:
    """The series' notebooks, in order, as paths relative to the repository root."""
    found = sorted((Path(root) / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if not found:
        raise FileNotFoundError(f"no notebooks/NN_*.ipynb under {root}")
    return [p.relative_to(root).as_posix() for p in found]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.org")
    parser.add_argument("--repo", required=True, help="the repository's public git URL, e.g. https://github.com/ORG/REPO")
    parser.add_argument("--branch", default="main", help="branch to pull (default: main)")
    parser.add_argument("--parent", default="", help="the hub's NBGITPULLER_PARENTPATH, if it sets one")
    args = parser.parse_args(argv)
    try:
        links = [(nb, hub_link(args.hub, args.repo, nb, args.branch, args.parent)) for nb in notebooks()]
    except (ValueError, FileNotFoundError) as err:
        parser.error(str(err))
    width = max(len(Path(nb).name) for nb, _ in links)
    for nb, link in links:
        print(f"{Path(nb).name:<{width}}  {link}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
