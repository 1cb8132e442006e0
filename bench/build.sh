#!/usr/bin/env bash
# Build time from clean (dependencies already in ~/.m2): N runs (default 5) of
# `mvn -B -q clean` then a timed `mvn -B -q -DskipTests package`; prints each run and the median.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
times=()
for i in $(seq "$runs"); do
  mvn -B -q clean >/dev/null 2>&1
  t0=$(date +%s%N)
  mvn -B -q -DskipTests package >/dev/null 2>&1
  s=$(( ($(date +%s%N) - t0) / 1000000 ))
  echo "run $i: $(awk -v ms="$s" 'BEGIN {printf "%.1f", ms / 1000}') s"
  times+=("$s")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
echo "median: $(awk -v ms="$median" 'BEGIN {printf "%.1f", ms / 1000}') s ($runs runs)"
