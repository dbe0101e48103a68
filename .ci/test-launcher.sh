#!/usr/bin/env bash
# Tests the launcher's choice of JDK with fake JDK folders: no real JDK is started.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0

fake_jdk() { # fake_jdk <dir> <version string as java -version prints it>
  mkdir -p "$1/bin"
  printf '#!/bin/sh\necho '"'"'openjdk version "%s" 2025-01-01'"'"' >&2\n' "$2" > "$1/bin/java"
  printf '#!/bin/sh\nexit 0\n' > "$1/bin/javac"
  chmod +x "$1/bin/java" "$1/bin/javac"
}

expect() { # expect <description> <expected output> <env...>
  local what="$1" want="$2"; shift 2
  local got
  got="$(env -i PATH=/usr/bin:/bin "$@" bash "$here/ketnoi" find-jdk 2>/dev/null || true)"
  if [ "$got" = "$want" ]; then echo "  ok   $what"; else echo "  FAIL $what: wanted '$want', got '$got'"; failures=$((failures + 1)); fi
}

fake_jdk "$work/jvm/java-17-openjdk-amd64" "17.0.15"
fake_jdk "$work/jvm/temurin-21-jdk-amd64" "21.0.5"
fake_jdk "$work/jvm/temurin-25-jdk-amd64" "25"
fake_jdk "$work/jvm/old-1.8" "1.8.0_401"
mkdir -p "$work/jvm/broken/bin"; printf '#!/bin/sh\nexit 1\n' > "$work/jvm/broken/bin/java"; chmod +x "$work/jvm/broken/bin/java"
ln -s "$work/jvm/java-17-openjdk-amd64" "$work/jvm/default-java"
fake_jdk "$work/only17/java-17" "17.0.15"
fake_jdk "$work/home22" "22.0.1"

echo "launcher JDK choice:"
expect "newest JDK >= 21 under the JVM folder" "$work/jvm/temurin-25-jdk-amd64" KETNOI_JVM_DIR="$work/jvm"
expect "JAVA_HOME wins when it is new enough" "$work/home22" KETNOI_JVM_DIR="$work/jvm" JAVA_HOME="$work/home22"
expect "JAVA_HOME too old is passed over" "$work/jvm/temurin-25-jdk-amd64" KETNOI_JVM_DIR="$work/jvm" JAVA_HOME="$work/jvm/java-17-openjdk-amd64"
expect "no JDK >= 21 anywhere: none" "none" KETNOI_JVM_DIR="$work/only17"
expect "missing JVM folder: none" "none" KETNOI_JVM_DIR="$work/does-not-exist"

# The message a user sees, and its exit code.
set +e
msg="$(env -i PATH=/usr/bin:/bin KETNOI_JVM_DIR="$work/only17" bash "$here/ketnoi" start 2>&1)"; code=$?
set -e
if [ $code -eq 3 ] && [ "$(printf '%s\n' "$msg" | wc -l)" -eq 1 ] && [[ "$msg" == "ketnoi: no JDK 21 or newer found"* ]]; then
  echo "  ok   a missing JDK gives one clear line and exit 3"
else
  echo "  FAIL missing JDK: exit $code, message: $msg"; failures=$((failures + 1))
fi

[ $failures -eq 0 ] || { echo "launcher tests: $failures failed"; exit 1; }
echo "launcher tests: all passed"
