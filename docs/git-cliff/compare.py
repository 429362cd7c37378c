#!/usr/bin/env python3
"""Side by side: `git release notes` and git-cliff on the same generated history.

Generates a deterministic history (conventional commits of every type, scopes, breaking changes,
reverts inside and across releases, merges of side branches, non-conventional commits, release
tags), then, for every pair of consecutive release tags, compares which commits each tool lists in
which group. Prints a summary and every difference with its reason.

    python3 docs/git-cliff/compare.py [--commits 600] [--keep DIR]
    GIT_RELEASE=.build/debug/git-release GIT_CLIFF=/work/team/venv/bin/git-cliff ...
"""
import argparse, json, os, random, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = ["feat"] * 6 + ["fix"] * 6 + ["perf", "docs", "docs", "chore", "refactor", "test", "ci",
         "build", "style"]
SCOPES = [None, None, "api", "cli", "parser", "cache", "docs"]
WORDS = "add remove handle parse cache render retry split merge validate escape support".split()
GROUPS = {"feat": "Features", "fix": "Bug Fixes", "perf": "Performance", "revert": "Reverts"}


def git(repo, *args, env=None, input=None):
    result = subprocess.run(["git", *args], cwd=repo, env=env, input=input, capture_output=True,
                            text=True)
    if result.returncode != 0:
        sys.exit(f"git {' '.join(args)}: {result.stderr}")
    return result.stdout.strip()


def generate(repo, count, seed=7):
    rnd = random.Random(seed)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1", TZ="UTC")
    clock = 1_700_000_000
    people = [("Ada Author", "ada@example.com"), ("Bo Builder", "bo@example.com"),
              ("Cy Coder", "cy@example.com")]
    git(repo, "init", "-q", "-b", "main", env=env)
    git(repo, "remote", "add", "origin", "git@github.com:acme/rocket.git", env=env)
    version = [0, 1, 0]
    made = []  # (id, subject) on main since the last tag, for reverts

    def dated():
        nonlocal clock
        clock += 60
        name, email = rnd.choice(people)
        return dict(env, GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email, GIT_COMMITTER_NAME=name,
                    GIT_COMMITTER_EMAIL=email, GIT_AUTHOR_DATE=f"{clock} +0000",
                    GIT_COMMITTER_DATE=f"{clock} +0000")

    def commit(text):
        git(repo, "commit", "-q", "--allow-empty", "--cleanup=verbatim", "-F", "-", env=dated(),
            input=text)
        id_ = git(repo, "rev-parse", "HEAD", env=env)
        if not text.startswith(("Update", "wip", "Bump", "tidy", "Revert")):
            made.append((id_, text.split("\n")[0]))
        return id_

    def message():
        kind = rnd.random()
        if kind < 0.08:
            return rnd.choice(["Update README", "wip", "Bump dependencies", "tidy up"])
        type_ = rnd.choice(TYPES)
        scope = rnd.choice(SCOPES)
        bang = "!" if rnd.random() < 0.04 else ""
        text = f"{type_}{f'({scope})' if scope else ''}{bang}: {rnd.choice(WORDS)} " \
               f"{rnd.choice(WORDS)} {rnd.randint(1, 999)}"
        if rnd.random() < 0.2:
            text += f" (#{rnd.randint(1, 400)})"
        if rnd.random() < 0.3:
            text += "\n\nA body that explains why.\n"
        if rnd.random() < 0.03:
            text += f"\n\nBREAKING CHANGE: {rnd.choice(WORDS)} changed shape.\n"
        if rnd.random() < 0.1:
            text += f"\n\nCloses #{rnd.randint(1, 400)}\n"
        return text

    i, next_tag = 0, 40
    while i < count:
        roll = rnd.random()
        if roll < 0.05 and made:
            # git's own revert message, of a commit of this release or of an earlier one.
            target, subject = rnd.choice(made)
            commit(f'Revert "{subject}"\n\nThis reverts commit {target}.\n')
        elif roll < 0.09:
            # A side branch of a few commits, merged without fast-forward while main moved on.
            branch = f"side{i}"
            git(repo, "checkout", "-q", "-b", branch, env=env)
            for _ in range(rnd.randint(1, 3)):
                commit(message())
                i += 1
            git(repo, "checkout", "-q", "main", env=env)
            commit(message())
            git(repo, "merge", "-q", "--no-ff", "-m", f"Merge branch '{branch}'", branch,
                env=dated())
        else:
            commit(message())
        i += 1
        if i >= next_tag:
            next_tag += 40
            version[1] += 1
            name = "v" + ".".join(map(str, version))
            # Annotated and lightweight release tags, as real repositories mix them.
            git(repo, "tag", *(["-a", "-m", name] if rnd.random() < 0.5 else []), name,
                env=dated())
            del made[:-5]  # a few older commits stay revert targets across the release


def ours(binary, repo, range_):
    out = subprocess.run([binary, "notes", range_, "--format", "json"], cwd=repo,
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"git release notes {range_}: {out.stderr}")
    notes = json.loads(out.stdout)
    return {e["hash"]: s["title"] for s in notes["sections"] for e in s["entries"]}


def theirs(binary, repo, range_):
    out = subprocess.run([binary, "--config", os.path.join(HERE, "cliff.toml"), "--context",
                          range_], cwd=repo, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"git-cliff {range_}: {out.stderr}")
    result = {}
    for release in json.loads(out.stdout):
        for commit in release["commits"]:
            group = commit.get("group") or ""
            result[commit["id"]] = group.split("-->")[-1].strip()
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--commits", type=int, default=600)
    parser.add_argument("--keep")
    args = parser.parse_args()
    binary = os.environ.get("GIT_RELEASE", ".build/debug/git-release")
    binary = os.path.abspath(binary)
    cliff = os.environ.get("GIT_CLIFF", "/work/team/venv/bin/git-cliff")
    repo = args.keep or tempfile.mkdtemp(prefix="notes-vs-cliff-")
    os.makedirs(repo, exist_ok=True)
    generate(repo, args.commits)
    tags = git(repo, "tag", "--list", "v*", "--sort=v:refname").split("\n")
    messages = {}
    for line in git(repo, "log", "--format=%H%x00%s%x00%P").split("\n"):
        id_, subject, parents = line.split("\0")
        messages[id_] = (subject, len(parents.split()))
    total = same = 0
    for previous, tag in zip(tags, tags[1:]):
        range_ = f"{previous}..{tag}"
        a, b = ours(binary, repo, range_), theirs(cliff, repo, range_)
        in_range, reverts = set(), {}
        for record in git(repo, "log", "--format=%H%x00%B%x01", range_).split("\x01"):
            if "\0" not in record:
                continue
            id_, body = record.strip().split("\0", 1)
            in_range.add(id_)
            marker = "This reverts commit "
            if marker in body:
                reverts[id_] = body.split(marker, 1)[1][:40]
        reverted = {target for target in reverts.values() if target in in_range}
        total += len(set(a) | set(b))
        same += sum(1 for k in set(a) & set(b) if a[k] == b[k])
        for id_ in sorted(set(a) | set(b)):
            if a.get(id_) == b.get(id_):
                continue
            subject = messages[id_][0]
            if id_ not in a and id_ in reverted:
                why = "reverted inside the range: git-release lists neither it nor its revert"
            elif id_ not in b and subject.startswith("Revert \"") and reverts[id_] not in in_range:
                why = "git's `Revert \"...\"` of an earlier release: a revert to git-release, " \
                      "not a Conventional Commit to git-cliff"
            else:
                why = "UNEXPLAINED"
            print(f"{range_}  {id_[:7]}  ours={a.get(id_)!s:12} git-cliff={b.get(id_)!s:12} "
                  f"{subject[:60]!r}: {why}")
    print(f"{len(tags)} tags, {total} listed commits compared, {same} in the same group in both")
    if not args.keep:
        shutil.rmtree(repo)


if __name__ == "__main__":
    main()
