#!/usr/bin/env bash
# Migrations are immutable once on main: fails when a migration file that existed on a previous
# main commit was changed, deleted or renamed. New migration files are fine.
#
# Compared (each pair that exists):
#   - every commit on HEAD's first-parent line since this check was added (the commit that added
#     .ci/migrations-unchanged.sh), each against its first parent: on main, each previous main
#     commit; a merge into main is compared with main before it. Edits made before the check
#     existed are history and are not judged. Where the check is not committed yet: HEAD^1 only;
#   - the merge-base of HEAD and main (origin/main, else main) when HEAD is not main (a branch);
#   - or only $KEQIAO_MIGRATIONS_BASE..HEAD when that is set (any commit-ish).
# A shallow clone is deepened first; when that is impossible the check compares what it has, or
# says it is skipped when it has no previous commit at all.
# Usage: bash .ci/migrations-unchanged.sh [repo dir]   (MIGRATIONS_DIR defaults to server/db/migrations)
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
dir=${MIGRATIONS_DIR:-server/db/migrations}
self=.ci/migrations-unchanged.sh

if ! git rev-parse --git-dir >/dev/null 2>&1; then
  echo "migrations-unchanged: not a git checkout; skipped" >&2
  exit 0
fi

has() { git rev-parse --verify --quiet "$1^{commit}" >/dev/null; }

if [ "$(git rev-parse --is-shallow-repository)" = true ]; then
  echo "migrations-unchanged: shallow clone; fetching the history" >&2
  git fetch --quiet --unshallow 2>/dev/null || git fetch --quiet --deepen=200 2>/dev/null || echo "migrations-unchanged: could not deepen the clone; comparing the history present" >&2
fi

pairs=()
if [ -n "${KEQIAO_MIGRATIONS_BASE:-}" ]; then
  has "$KEQIAO_MIGRATIONS_BASE" || { echo "migrations-unchanged: KEQIAO_MIGRATIONS_BASE=$KEQIAO_MIGRATIONS_BASE is not a commit here" >&2; exit 1; }
  pairs+=("$(git rev-parse "$KEQIAO_MIGRATIONS_BASE") $(git rev-parse HEAD)")
else
  if ! has HEAD^1; then
    if [ "$(git rev-parse --is-shallow-repository)" = true ]; then
      echo "migrations-unchanged: SKIPPED — shallow clone without the previous commit (could not fetch it); clone with history to check" >&2
    else
      echo "migrations-unchanged: HEAD is the first commit; nothing to compare"
    fi
    exit 0
  fi
  # The first-parent commit that added this check (empty when it is not committed here).
  since=$(git log --first-parent --diff-filter=A --format=%H -- "$self" | tail -n 1)
  if [ -n "$since" ]; then
    for c in $(git rev-list --first-parent HEAD); do
      has "$c^1" && pairs+=("$(git rev-parse "$c^1") $c")
      [ "$c" = "$since" ] && break
    done
  else
    pairs+=("$(git rev-parse HEAD^1) $(git rev-parse HEAD)")
  fi
  for main in origin/main main; do
    if has "$main"; then
      if [ "$(git rev-parse "$main")" != "$(git rev-parse HEAD)" ]; then
        mb=$(git merge-base HEAD "$main" 2>/dev/null || true)
        [ -n "$mb" ] && pairs+=("$mb $(git rev-parse HEAD)")
      fi
      break
    fi
  done
fi

failed=0
for pair in "${pairs[@]}"; do
  read -r base head <<<"$pair"
  # M: modified, D: deleted, R: renamed (the old name is gone), T: type changed. A (added) is fine.
  changes=$(git diff --name-status -M --diff-filter=MDRT "$base" "$head" -- "$dir" || true)
  if [ -n "$changes" ]; then
    echo "migrations-unchanged: FAILED — $(git log -1 --format='%h %s' "$head") changes migrations present at $(git rev-parse --short "$base"):" >&2
    echo "$changes" | sed 's/^/  /' >&2
    failed=1
  fi
done
if [ "$failed" -ne 0 ]; then
  echo "Migrations are immutable once on main: restore them and add a new migration instead." >&2
  exit 1
fi
echo "migrations-unchanged: ok (${#pairs[@]} comparison(s), since $(git rev-parse --short "${since:-HEAD^1}" 2>/dev/null || echo HEAD^1))"
