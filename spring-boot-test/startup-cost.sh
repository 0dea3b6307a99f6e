#!/usr/bin/env bash
# Startup cost of the starter: the time from a Spring context's start to the client's first call,
# with the starter (auto-configured from properties) and without it (a hand-written @Bean), each in
# a fresh JVM, the two modes alternated RUNS times; prints every run and the ratio of the medians.
# Usage (from the repository's root, after ./mvnw -o -pl spring-boot-test test-compile):
#   spring-boot-test/startup-cost.sh [RUNS]
set -euo pipefail
runs=${1:-9}
cd "$(dirname "$0")"
../mvnw -o -q dependency:build-classpath -Dmdep.outputFile=target/startup-cost.classpath \
  -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/startup-cost.classpath)"
: > target/startup-cost.txt
for i in $(seq 1 "$runs"); do
  for mode in manual starter; do
    java -cp "$cp" io.ecdp.customers.spring.startup.StartupCost "$mode" | tee -a target/startup-cost.txt
  done
done
median() { grep "^$1 " target/startup-cost.txt | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m=$(median manual); s=$(median starter)
echo "median manual ${m} ms, starter ${s} ms, ratio $(awk -v s="$s" -v m="$m" 'BEGIN {printf "%.2f", s/m}')"
