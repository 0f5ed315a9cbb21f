#!/usr/bin/env bash
# measure-readme-times.sh times the README's two commands on a fresh clone:
# cold (empty GOPATH, GOCACHE and npm cache, as on a new machine) and then
# warm (the same caches again, a second run). It prints one line per run.
#
# Usage: scripts/measure-readme-times.sh [commit]   (default HEAD)
# Needs what the README's Requirements list: Go, gcc, git, make, node/npm and
# network to the Go module proxy and the npm registry. Set SKIP_CI=1 to time
# the mock command only. The temporary directory is removed at the end.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
commit=${1:-HEAD}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/botsdk-measure.XXXXXX")
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

git clone --quiet "$repo" "$tmp/botsdk"
git -C "$tmp/botsdk" checkout --quiet "$commit"
export GOPATH="$tmp/gopath" GOCACHE="$tmp/gocache" GOMODCACHE="$tmp/gopath/pkg/mod"
export npm_config_cache="$tmp/npm-cache" GOFLAGS=-modcacherw
cd "$tmp/botsdk"

# The README's first command: botctl against the embedded mock.
mock_cmd='go run ./cmd/botctl --mock -o table dailybot checkins list'
# The README's second command: what .ci/run runs.
ci_cmd='make ci'

run() { # run LABEL COMMAND: time COMMAND, print LABEL and the seconds
	local label=$1 cmd=$2 start end
	start=$(date +%s)
	if ! bash -c "$cmd" >"$tmp/$label.log" 2>&1; then
		echo "$label: FAILED after $(($(date +%s) - start)) s: $cmd (last lines follow)"
		tail -20 "$tmp/$label.log"
		return 1
	fi
	end=$(date +%s)
	printf '%-10s %5d s  %s\n' "$label" $((end - start)) "$cmd"
}

echo "botsdk $(git rev-parse --short HEAD), $(go version | cut -d' ' -f3), $(nproc) cores, $(date -u +%FT%TZ)"
run mock-cold "$mock_cmd"
run mock-warm "$mock_cmd"
if [ "${SKIP_CI:-}" != 1 ]; then
	# Cold: a cache the mock command did not fill, as a new user running the
	# test command first would have.
	go clean -cache
	rm -rf "$npm_config_cache" .cache
	run ci-cold "$ci_cmd"
	run ci-warm "$ci_cmd"
fi
