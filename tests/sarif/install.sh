#!/usr/bin/env bash
# Installs the SARIF Multitool (Microsoft's SARIF SDK validator, from npm) into the
# repository's git-ignored .cache/, unless it is there already, and prints the path of its
# command. Exits 1 when it cannot be installed (no npm, no network).
#
#   bash tests/sarif/install.sh
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
prefix=$root/.cache/sarif-multitool
# The version the validation was written against; a newer one may add rules.
version=5.7.0
package=$prefix/node_modules/@microsoft/sarif-multitool/package.json

if ! grep -q "\"version\": \"$version\"" "$package" 2>/dev/null; then
  command -v npm >/dev/null || {
    echo "install.sh: npm is not installed" >&2
    exit 1
  }
  mkdir -p "$prefix"
  if ! npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error \
    "@microsoft/sarif-multitool@$version" >&2; then
    echo "install.sh: npm could not install @microsoft/sarif-multitool@$version" >&2
    exit 1
  fi
fi
# The native program of this platform (the npm package's bin.js runs it through a shell,
# which would split the `;` of --rule-kind "Sarif;Ghas"). npm may skip the install script
# that makes it executable.
for tool in "$prefix"/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool; do
  if [[ -f $tool ]]; then
    chmod u+x "$tool"
    echo "$tool"
    exit 0
  fi
done
echo "install.sh: no Sarif.Multitool program for this platform in $prefix" >&2
exit 1
