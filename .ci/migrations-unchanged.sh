#!/usr/bin/env bash
# Migrations are immutable once on main: fails when a migration file that exists on the previous
# main commit was changed, deleted or renamed. New migration files are fine.
#
# Compared against (each that exists):
#   - HEAD's first parent (HEAD^1): on main, the previous main commit; for a merge into main, main before it;
#   - the merge-base of HEAD and main (origin/main, else main) when HEAD is not main itself (a branch);
#   - $KEQIAO_MIGRATIONS_BASE when set (any commit-ish), instead of the two above.
# A shallow clone is deepened first; when that is impossible the check says so and is skipped.
# Usage: bash .ci/migrations-unchanged.sh [repo dir]   (MIGRATIONS_DIR defaults to server/db/migrations)
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
dir=${MIGRATIONS_DIR:-server/db/migrations}

if ! git rev-parse --git-dir >/dev/null 2>&1; then
  echo "migrations-unchanged: not a git checkout; skipped" >&2
  exit 0
fi

has() { git rev-parse --verify --quiet "$1^{commit}" >/dev/null; }

if ! has HEAD^1 && [ "$(git rev-parse --is-shallow-repository)" = true ]; then
  echo "migrations-unchanged: shallow clone; fetching more history" >&2
  git fetch --quiet --deepen=50 2>/dev/null || git fetch --quiet --unshallow 2>/dev/null || true
fi

bases=()
if [ -n "${KEQIAO_MIGRATIONS_BASE:-}" ]; then
  has "$KEQIAO_MIGRATIONS_BASE" || { echo "migrations-unchanged: KEQIAO_MIGRATIONS_BASE=$KEQIAO_MIGRATIONS_BASE is not a commit here" >&2; exit 1; }
  bases+=("$KEQIAO_MIGRATIONS_BASE")
else
  if has HEAD^1; then
    bases+=("HEAD^1")
  elif [ "$(git rev-parse --is-shallow-repository)" = true ]; then
    echo "migrations-unchanged: SKIPPED — shallow clone without the previous commit (could not fetch it); clone with history to check" >&2
    exit 0
  else
    echo "migrations-unchanged: HEAD is the first commit; nothing to compare"
    exit 0
  fi
  for main in origin/main main; do
    if has "$main"; then
      if [ "$(git rev-parse "$main")" != "$(git rev-parse HEAD)" ]; then
        mb=$(git merge-base HEAD "$main" 2>/dev/null || true)
        [ -n "$mb" ] && [ "$mb" != "$(git rev-parse HEAD^1)" ] && bases+=("$mb")
      fi
      break
    fi
  done
fi

failed=0
for base in "${bases[@]}"; do
  # M: modified, D: deleted, R: renamed (the old name is gone), T: type changed. A (added) is fine.
  changes=$(git diff --name-status -M --diff-filter=MDRT "$base" HEAD -- "$dir" || true)
  if [ -n "$changes" ]; then
    echo "migrations-unchanged: FAILED — migrations present at $base ($(git rev-parse --short "$base")) were changed:" >&2
    echo "$changes" | sed 's/^/  /' >&2
    failed=1
  fi
done
if [ "$failed" -ne 0 ]; then
  echo "Migrations are immutable once on main: restore them and add a new migration instead." >&2
  exit 1
fi
echo "migrations-unchanged: ok (compared with ${bases[*]})"
