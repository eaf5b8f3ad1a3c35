#!/usr/bin/env bash
# Sets up copydesk in ./.venv (idempotent) and runs one job:
#   ./run.sh demo    analyse the bundled sample article, interview it, check a summary of it
#   ./run.sh test    the whole test suite
#   ./run.sh bench   the benchmarks in quick mode (needs ../shared/data)
set -euo pipefail
cd "$(dirname "$0")"

PY=${PYTHON:-$(command -v python3.11 || command -v python3)}
VENV=.venv

# setup [EXTRAS]: create the venv and install copydesk with these extras (e.g. "test,llm").
setup() {
    local extras=${1:-}
    if [ ! -x "$VENV/bin/python" ]; then
        "$PY" -m venv "$VENV"
    fi
    # Reinstall only when the dependency list or the extras changed since the last install.
    local stamp="$VENV/.copydesk-installed" want
    want=$( (cat pyproject.toml; echo "$extras") | sha1sum | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        "$VENV/bin/python" -m pip install -q --upgrade pip
        # llama-cpp-python (the local LLM server the tests talk to) builds from source, offline,
        # for any x86-64 CPU: a build tuned to the build machine's CPU crashed there on inference.
        CMAKE_ARGS="-DLLAMA_CURL=OFF -DGGML_NATIVE=OFF" "$VENV/bin/python" -m pip install -q -e ".${extras:+[$extras]}"
        echo "$want" > "$stamp"
    fi
}

# debian_packages PKG...: installs the Debian packages the tests use, when run as root (as CI is)
# and they are missing; otherwise the tests that need them skip and say why.
debian_packages() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; } \
            || echo "run.sh: could not install ${missing[*]}; the tests that need them will skip" >&2
    elif [ ${#missing[@]} -gt 0 ]; then
        echo "run.sh: ${missing[*]} not installed (installed only when run as root); the tests that need them will skip" >&2
    fi
}

case "${1:-}" in
    demo)
        setup
        article=examples/harbour-strike.txt
        echo "== copydesk analyse $article"
        "$VENV/bin/copydesk" analyse "$article" --published 2024-03-15 --format text
        echo; echo "== copydesk interview $article --turns 5"
        "$VENV/bin/copydesk" interview "$article" --published 2024-03-15 --turns 5
        echo; echo "== copydesk check $article examples/harbour-strike-summary.txt"
        # Exit code 1 means the check found problems, which this sample summary has on purpose.
        "$VENV/bin/copydesk" check "$article" examples/harbour-strike-summary.txt || [ $? -eq 1 ]
        ;;
    test)
        # wordnet-base: the verb lexicon's source; chromium and postgresql: the serve tests
        # drive Debian's Chromium (never a browser download) and a real PostgreSQL server;
        # iproute2: the Ray tests bring up loopback in a network namespace of their own.
        debian_packages wordnet-base chromium postgresql iproute2
        setup test,llm,ray
        set +e
        "$VENV/bin/python" -m pytest -q "${@:2}"
        code=$?
        set -e
        # pytest exits 5 when it collected no test: that is a failure of the suite, say so.
        if [ "$code" -eq 5 ]; then echo "run.sh: no tests were collected" >&2; exit 1; fi
        exit "$code"
        ;;
    bench)
        setup test,llm,ray
        "$VENV/bin/python" benchmarks/run_all.py --quick
        ;;
    *)
        echo "usage: ./run.sh demo | test | bench" >&2
        exit 2
        ;;
esac
