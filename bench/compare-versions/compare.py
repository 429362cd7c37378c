#!/usr/bin/env python3
"""Runs `git release next`, `cz bump --get-next` and `semantic-release version --print` on the
same generated histories and prints a Markdown table of their answers (docs/versions.md).

Usage: compare.py GIT_RELEASE_BINARY   (cz and semantic-release must be on PATH, e.g. from
/work/team/venv). Each history is made with the real git in a temporary folder, identity and
dates pinned, user configuration kept out.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

# Each tool set to the same conventions where it has a setting: tags v<version>, tags read from
# git (no version file), SemVer pre-releases, breaking changes below 1.0.0 bump the minor version.
# commitizen's major_version_zero also turns breaking changes above 1.0.0 into minor bumps, so it
# is set only for the histories that start below 1.0.0 (options "zero").
PYPROJECT = """[project]
name = "demo"
version = "0.0.0"

[tool.commitizen]
name = "cz_conventional_commits"
version_provider = "scm"
tag_format = "v$version"
version_scheme = "semver2"
major_version_zero = {zero}

[tool.semantic_release]
tag_format = "v{version}"
major_on_zero = false
allow_zero_version = true
commit_parser = "conventional"
"""

# (name, expected by the rules of docs/versions.md, options, steps). Steps:
# ("c", message[, file]) commit; ("t", tag[, annotated]) tag HEAD; ("b", branch) new branch;
# ("o", branch) checkout; ("m", branch, message) merge --no-ff; ("r", step index) revert the
# commit made at that step; ("shallow", depth) clone with --depth and run there.
SCENARIOS = [
    ("fix after a release", "1.2.4", {}, [("t", "v1.2.3"), ("c", "fix: a")]),
    ("feat after a release", "1.3.0", {}, [("t", "v1.2.3"), ("c", "feat: a")]),
    ("breaking `!`", "2.0.0", {}, [("t", "v1.2.3"), ("c", "feat!: a")]),
    ("`BREAKING CHANGE:` footer", "2.0.0", {},
     [("t", "v1.2.3"), ("c", "refactor: a\n\nBREAKING CHANGE: the API moved")]),
    ("`BREAKING-CHANGE:` footer (synonym)", "2.0.0", {},
     [("t", "v1.2.3"), ("c", "fix: a\n\nBREAKING-CHANGE: the API moved")]),
    ("lower-case `breaking change:` footer", "1.2.4", {},
     [("t", "v1.2.3"), ("c", "fix: a\n\nbreaking change: not a footer per the spec")]),
    ("`BREAKING CHANGE` in body prose", "1.2.4", {},
     [("t", "v1.2.3"), ("c", "fix: a\n\nThis is not a BREAKING CHANGE: just prose.\n\nRefs: #1")]),
    ("upper-case type `FEAT:`", "1.3.0", {}, [("t", "v1.2.3"), ("c", "FEAT: a")]),
    ("perf", "1.2.4", {}, [("t", "v1.2.3"), ("c", "perf: a")]),
    ("only chores and docs", None, {}, [("t", "v1.2.3"), ("c", "chore: a"), ("c", "docs: b")]),
    ("breaking below 1.0.0", "0.10.0", {"zero": True}, [("t", "v0.9.0"), ("c", "feat!: a")]),
    ("v0.10.0 above v0.9.0", "0.10.1", {"zero": True},
     [("t", "v0.9.0"), ("c", "feat: a"), ("t", "v0.10.0"), ("c", "fix: b")]),
    ("lower tag made later (v2.0.0 then v1.9.9)", "2.0.1", {},
     [("t", "v2.0.0", True), ("c", "fix: a"), ("t", "v1.9.9", True), ("c", "fix: b")]),
    ("higher tag on an unmerged branch", "1.0.1", {},
     [("t", "v1.0.0"), ("b", "exp"), ("c", "feat!: x", "exp.txt"), ("t", "v3.0.0", True),
      ("o", "main"), ("c", "fix: a")]),
    ("stray tags (rollback/v9.0.0, v7.0, experiment)", "1.0.1", {},
     [("t", "v1.0.0"), ("c", "fix: a"), ("t", "rollback/v9.0.0"), ("t", "v7.0"),
      ("t", "experiment")]),
    ("feature merged from a branch", "1.1.0", {},
     [("t", "v1.0.0"), ("b", "topic"), ("c", "feat: on topic", "topic.txt"), ("o", "main"),
      ("c", "docs: on main"), ("m", "topic", "Merge branch 'topic'")]),
    ("breaking change reverted in the range", "1.0.1", {},
     [("t", "v1.0.0"), ("c", "fix: keep"), ("c", "feat!: drop the API", "api.txt"), ("r", 2)]),
    ("revert of a released feature", "1.1.1", {},
     [("c", "feat: went wrong", "f.txt"), ("t", "v1.1.0"), ("r", 0)]),
    ("`Release-As: 2.0.0` footer", "2.0.0", {},
     [("t", "v1.2.3"), ("c", "chore: stable\n\nRelease-As: 2.0.0")]),
    ("first pre-release `--pre rc`", "1.4.0-rc.1", {"pre": "rc"},
     [("t", "v1.3.0"), ("c", "feat: a")]),
    ("second pre-release `--pre rc`", "1.4.0-rc.2", {"pre": "rc"},
     [("t", "v1.3.0"), ("c", "feat: a"), ("t", "v1.4.0-rc.1"), ("c", "fix: b")]),
    ("`--pre rc` again, no new commit", None, {"pre": "rc"},
     [("t", "v1.3.0"), ("c", "feat: a"), ("t", "v1.4.0-rc.1")]),
    ("pre-release after a breaking change", "2.0.0-rc.1", {"pre": "rc"},
     [("t", "v1.3.0"), ("c", "feat: a"), ("t", "v1.4.0-rc.1"), ("c", "feat!: b")]),
    ("promote rc to final, no new commit", "1.4.0", {},
     [("t", "v1.3.0"), ("c", "feat: a"), ("t", "v1.4.0-rc.2")]),
    ("no release tag yet", "0.1.0", {"zero": True}, [("c", "feat: a"), ("c", "fix: b")]),
    ("shallow clone cut before the tag", "error", {},
     [("t", "v1.0.0"), ("c", "fix: a"), ("c", "fix: b"), ("c", "fix: c"), ("shallow", 2)]),
]


class History:
    def __init__(self, folder):
        self.folder = folder
        self.clock = 1_700_000_000
        self.commits = {}

    def env(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        env.update({
            "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Ada", "GIT_AUTHOR_EMAIL": "ada@example.com",
            "GIT_COMMITTER_NAME": "Ada", "GIT_COMMITTER_EMAIL": "ada@example.com",
            "GIT_AUTHOR_DATE": f"{self.clock} +0000", "GIT_COMMITTER_DATE": f"{self.clock} +0000",
        })
        return env

    def git(self, *args, cwd=None):
        result = subprocess.run(["git", *args], cwd=cwd or self.folder, env=self.env(),
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"git {' '.join(args)}: {result.stderr}")
        self.clock += 60
        return result.stdout.strip()

    def commit(self, message, file="file.txt"):
        path = os.path.join(self.folder, file)
        with open(path, "a") as handle:
            handle.write(f"{self.clock} {message[:30]}\n")
        self.git("add", file)
        self.git("commit", "-q", "--cleanup=verbatim", "-m", message)
        return self.git("rev-parse", "HEAD")


def run(command, cwd):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    return result.returncode, result.stdout.strip(), result.stderr.strip()


def ours(binary, cwd, options):
    command = [binary, "next", "--json"] + (["--pre", options["pre"]] if "pre" in options else [])
    status, out, err = run(command, cwd)
    if status == 3:
        return "nothing"
    if status != 0:
        return "error"
    return json.loads(out)["next"]


def commitizen(cwd, options):
    command = ["cz", "bump", "--get-next", "--yes"]
    if "pre" in options:
        command += ["--prerelease", options["pre"]]
    status, out, err = run(command, cwd)
    if status == 0 and out:
        return out.splitlines()[-1].strip()
    text = (out + " " + err).lower()
    if "not eligible" in text or "no commits found" in text or "no new commits" in text:
        return "nothing"
    print(f"cz: {(out + ' ' + err).strip().splitlines()[-1][:160]}", file=sys.stderr)
    return "error"


def semantic_release(cwd, options):
    command = ["semantic-release", "version", "--print"]
    if "pre" in options:
        command += ["--as-prerelease", "--prerelease-token", options["pre"]]
    status, out, err = run(command, cwd)
    if status != 0:
        print(f"semantic-release: {err.strip().splitlines()[-1][:160] if err.strip() else status}",
              file=sys.stderr)
        return "error"
    version = out.splitlines()[-1].strip() if out else ""
    # It prints the last release's version when there is nothing to release.
    _, last, _ = run(["semantic-release", "version", "--print-last-released"], cwd)
    if version and version == last.strip():
        return f"nothing ({version})"
    return version or "error"


def scenario(binary, name, expected, options, steps):
    folder = tempfile.mkdtemp(prefix="compare-versions-")
    try:
        history = History(os.path.join(folder, "repo"))
        os.makedirs(history.folder)
        history.git("init", "-q", "-b", "main")
        history.git("remote", "add", "origin", "https://github.com/example/demo.git")
        with open(os.path.join(history.folder, "pyproject.toml"), "w") as handle:
            handle.write(PYPROJECT.replace("{zero}", "true" if options.get("zero") else "false"))
        with open(os.path.join(history.folder, ".gitignore"), "w") as handle:
            handle.write(".cz*\n")
        history.git("add", ".")
        history.git("commit", "-q", "-m", "chore: set up the tools")
        workdir = history.folder
        made = {}
        for index, step in enumerate(steps):
            kind = step[0]
            if kind == "c":
                made[index] = history.commit(step[1], *(step[2:3]))
            elif kind == "t":
                annotated = len(step) > 2 and step[2]
                history.git("tag", *(["-a", "-m", step[1]] if annotated else []), step[1])
            elif kind == "b":
                history.git("checkout", "-q", "-b", step[1])
            elif kind == "o":
                history.git("checkout", "-q", step[1])
            elif kind == "m":
                history.git("merge", "-q", "--no-ff", "-m", step[2], step[1])
            elif kind == "r":
                history.git("revert", "--no-edit", made[step[1]])
            elif kind == "shallow":
                clone = os.path.join(folder, "clone")
                history.git("clone", "-q", "--depth", str(step[1]), "file://" + history.folder,
                            clone, cwd=folder)
                workdir = clone
        answers = [ours(binary, workdir, options), commitizen(workdir, options),
                   semantic_release(workdir, options)]
        return [name, expected or "nothing"] + [a or "?" for a in answers]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    print("| history | rule | git release | cz bump --get-next | semantic-release --print |")
    print("| --- | --- | --- | --- | --- |")
    for name, expected, options, steps in SCENARIOS:
        row = scenario(binary, name, expected, options, steps)
        marks = [cell if cell.split(" ")[0] == row[1] else f"**{cell}**" for cell in row[2:]]
        print("| " + " | ".join(row[:2] + marks) + " |", flush=True)


if __name__ == "__main__":
    main()
