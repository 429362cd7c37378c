#!/usr/bin/env bash
# Makes a sample repository with an audit trail: the one docs/dashboard-light.png and
# docs/dashboard-dark.png show. Usage: GIT_RELEASE=path/to/git-release docs/dashboard-sample.sh DIR
# then, in DIR: GIT_COMMITTER_DATE="1794679200 +0000" git release dashboard --since 2026-11-01 --output site
set -euo pipefail
GR=${GIT_RELEASE:-git-release}
dir=$1
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 TZ=UTC
export GIT_AUTHOR_NAME="Ada Author" GIT_AUTHOR_EMAIL=ada@example.com
git init -q -b main "$dir" && cd "$dir"
t=1793491200   # Sun 2026-11-01 00:00 UTC
at() { echo "$((t + $1 * 3600)) +0000"; }
as() { export GIT_COMMITTER_NAME="$1" GIT_COMMITTER_EMAIL="$2"; }
commit() { # commit HOURS MESSAGE
  echo "$2" >> work.txt; git add work.txt
  GIT_AUTHOR_DATE=$(at "$1") GIT_COMMITTER_DATE=$(at "$1") git commit -q -m "$2"
}
run() { # run HOURS ARGS...
  local h=$1; shift; GIT_COMMITTER_DATE=$(at "$h") "$GR" "$@" > /dev/null
}
as "Ada Author" ada@example.com
cat > .gitrelease <<'CONF'
[environment "staging"]
[environment "production"]
    after = staging
    soak = 24h
    approvals = 1
    window = Mon-Thu 09:00-16:00 Europe/Berlin
    freeze = 2026-12-21..2027-01-04 Europe/Berlin end-of-year freeze
CONF
git add .gitrelease; GIT_COMMITTER_DATE=$(at 0) GIT_AUTHOR_DATE=$(at 0) git commit -q -m "build: configure environments"
commit 1 "feat(api): list releases per environment"
GIT_COMMITTER_DATE=$(at 2) git tag -a v1.0.0 -m v1.0.0
run 3 promote v1.0.0 --to staging --no-rollback-target
as "Bo Builder" bo@example.com; run 4 approve v1.0.0 --for production
as "Ada Author" ada@example.com; run 33 promote v1.0.0 --to production --no-rollback-target
commit 50 "fix(api): page through long trails"
commit 60 "feat(ui): a board of what runs where"
GIT_COMMITTER_DATE=$(at 61) git tag -a v1.1.0 -m v1.1.0
run 62 promote v1.1.0 --to staging
as "Cy Checker" cy@example.com; run 70 approve v1.1.0 --for production
as "Ada Author" ada@example.com; run 105 promote v1.1.0 --to production
commit 150 'feat(ui): escape <script>alert("&")</script> in titles'
commit 160 "perf(api): read the trail once"
GIT_COMMITTER_DATE=$(at 170) git tag -a v1.2.0 -m v1.2.0
run 171 promote v1.2.0 --to staging
as "Bo Builder" bo@example.com; run 180 approve v1.2.0 --for production
as "Ada Author" ada@example.com; run 201 promote v1.2.0 --to production
as "Bo Builder" bo@example.com; run 203 rollback production --reason 'error rate <5%> & "timeouts"'
as "Ada Author" ada@example.com
commit 220 "fix(api): time out slow reads"
GIT_COMMITTER_DATE=$(at 222) git tag -a v1.2.1 -m v1.2.1
run 223 promote v1.2.1 --to staging
as "Cy Checker" cy@example.com; run 230 approve v1.2.1 --for production
as "Ada Author" ada@example.com; run 273 promote v1.2.1 --to production
commit 320 "feat: export metrics as JSON"
GIT_COMMITTER_DATE=$(at 322) git tag -a v1.3.0 -m v1.3.0
run 323 promote v1.3.0 --to staging
