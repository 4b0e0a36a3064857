#!/usr/bin/env bash
# Refresh the .ts files of every interface area from the sources and compile them to .qm.
# Run through `make translations`. Areas: the modules directly in cati/ui ("common") and
# each subpackage of cati/ui (its directory name).
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/../.."
bin=${VENV_BIN:-.venv/bin}
out=${TRANSLATIONS_DIR:-resources/translations}  # tests write to a copy
update() {  # area, sources...
  local area=$1; shift
  "$bin/pyside6-lupdate" -no-obsolete "$@" -ts "$out/${area}_ru.ts" >/dev/null
  "$bin/pyside6-lupdate" -no-obsolete -pluralonly "$@" -ts "$out/${area}_en.ts" >/dev/null
  "$bin/pyside6-lrelease" -silent "$out/${area}_ru.ts" "$out/${area}_en.ts"
}
update common cati/ui/*.py
for dir in cati/ui/*/; do
  area=$(basename "$dir")
  [ "$area" = "__pycache__" ] && continue
  update "$area" -extensions py "$dir"
done
