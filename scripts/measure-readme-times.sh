#!/usr/bin/env bash
# measure-readme-times.sh times the README's two commands on a fresh clone:
# cold (empty Go module cache, Go build cache and npm cache, as on a new
# machine) and then warm (the same caches again, a second run). It prints one
# line per run as it goes, then the README's "Two commands" times (the
# sentence and the table) in the README's own format, to paste over the old.
#
# Usage: scripts/measure-readme-times.sh [commit]   (default HEAD)
# Needs what the README's Requirements list: Go, gcc, git, GNU make, node/npm
# and network to the Go module proxy and the npm registry. Set SKIP_CI=1 to
# time the mock command only. A cold make ci takes many minutes: run it on a
# quiet machine. The temporary directory is removed at the end.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
commit=$(git -C "$repo" rev-parse --verify "${1:-HEAD}^{commit}")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/botsdk-measure.XXXXXX")
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

git clone --quiet "$repo" "$tmp/botsdk"
git -C "$tmp/botsdk" checkout --quiet "$commit"
export GOPATH="$tmp/gopath" GOCACHE="$tmp/gocache" GOMODCACHE="$tmp/gopath/pkg/mod"
export npm_config_cache="$tmp/npm-cache" GOFLAGS=-modcacherw
cd "$tmp/botsdk"

# The README's two commands, as it shows them.
mock_cmd='go run ./cmd/botctl --mock -o table dailybot checkins list'
ci_cmd='make ci'

declare -A took # label -> "N s" or "failed after N s"
run() { # run LABEL COMMAND: time COMMAND, print LABEL and the seconds
	local label=$1 cmd=$2 start secs
	start=$(date +%s)
	if bash -c "$cmd" >"$tmp/$label.log" 2>&1; then
		secs=$(($(date +%s) - start))
		took[$label]="$secs s"
		printf '%-10s %5d s  %s\n' "$label" "$secs" "$cmd"
	else
		secs=$(($(date +%s) - start))
		took[$label]="failed after $secs s"
		echo "$label: FAILED after $secs s: $cmd (last lines follow)"
		tail -20 "$tmp/$label.log"
	fi
}

load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
echo "botsdk $(git rev-parse --short HEAD), $(go version | cut -d' ' -f3), $(nproc) cores, $(date -u +%FT%TZ), load average $load"
run mock-cold "$mock_cmd"
run mock-warm "$mock_cmd"
took[ci-cold]='not measured'
took[ci-warm]='not measured'
if [ "${SKIP_CI:-}" != 1 ]; then
	# Cold for make ci too: empty the caches the mock command filled, as a
	# new user running the test command first would have them.
	go clean -cache -modcache
	rm -rf "$npm_config_cache" .cache
	run ci-cold "$ci_cmd"
	run ci-warm "$ci_cmd"
fi

cat <<EOF

Paste into README.md's "Two commands" (load average $load at the start; say so if other work ran):

Times from [\`scripts/measure-readme-times.sh\`](scripts/measure-readme-times.sh) (a fresh clone; cold: empty Go and npm
caches; warm: the same caches again) on $(nproc) cores, $(date -u +%F):

| command | cold | warm |
|---|---:|---:|
| \`go run ./cmd/botctl --mock …\` | ${took[mock-cold]} | ${took[mock-warm]} |
| \`make ci\` | ${took[ci-cold]} | ${took[ci-warm]} |
EOF
