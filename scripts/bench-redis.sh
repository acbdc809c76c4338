#!/usr/bin/env bash
# bench-redis.sh runs `carebot bench` against a throwaway redis-server on a
# free loopback port (persistence off), then stops it:
#   1. with 50 people in flight, for throughput (>= 45,000 turns/s);
#   2. the same with replies through the outbox (delivery marks included);
#   3. open loop at 10,000 turns/s over 1,000 people, for the p99 target
#      (<= 2 ms per turn) and the delivery latency;
#   4. with the default 1,000 people, for throughput at load.
# They report network round trips per turn (<= 1.2; concurrent turns'
# commands share round trips, batched), the commands carebot sent
# (INFO commandstats also counts the commands the compare-and-set script
# runs), bytes per session (<= 2 KiB) and the CPU time carebot and
# redis-server each spent per turn (INFO cpu).
# Extra arguments go to both runs, e.g. ./scripts/bench-redis.sh --json
# It exits non-zero if a run fails (a turn errored, a conversation did not
# finish) or redis-server cannot start.
set -euo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}
if ! command -v redis-server >/dev/null 2>&1; then
	echo "bench-redis: redis-server not found (apt-get install redis-server, or make redis-server)" >&2
	exit 1
fi

tmp=$(mktemp -d)
redis_pid=
cleanup() {
	if [[ -n $redis_pid ]]; then
		kill "$redis_pid" 2>/dev/null || true
		wait "$redis_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

# ping answers whether a redis-server on port $1 says PONG (bash's /dev/tcp:
# no redis-cli needed).
ping() (
	exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
	printf 'PING\r\n' >&3
	IFS= read -r -t 1 reply <&3 || reply=
	[[ $reply == +PONG* ]]
)

# start_redis starts redis-server on a random free port; a port taken
# between the check and the bind makes the server exit, and another is tried.
start_redis() {
	local try port
	for try in 1 2 3 4 5 6 7 8 9 10; do
		port=$((20000 + RANDOM % 40000))
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			continue # someone listens there
		fi
		redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no \
			--dir "$tmp" --daemonize no --logfile "$tmp/redis.log" &
		redis_pid=$!
		for _ in $(seq 100); do
			if ping "$port" 2>/dev/null; then
				REDIS_PORT=$port
				return 0
			fi
			if ! kill -0 "$redis_pid" 2>/dev/null; then
				break # it exited: try another port
			fi
			sleep 0.05
		done
		kill "$redis_pid" 2>/dev/null || true
		wait "$redis_pid" 2>/dev/null || true
		redis_pid=
	done
	echo "bench-redis: could not start redis-server; its log:" >&2
	tail -n 20 "$tmp/redis.log" >&2 || true
	return 1
}

start_redis
echo "bench-redis: $(redis-server --version | cut -d' ' -f1-3) on 127.0.0.1:$REDIS_PORT"
"$GO" build -o "$tmp/carebot" .
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"

status=0
# run NAME ARGS... runs one bench.
run() {
	local name=$1
	shift
	echo
	echo "== $name"
	"$tmp/carebot" bench "$@" || status=1
}
run "50 people in flight" --people 50 "$@"
run "50 people in flight, replies through the outbox" --people 50 --deliver "$@"
run "open loop, 10,000 turns/s offered (p99 target)" --rate 10000 "$@"
run "1000 people in flight" "$@"
exit $status
