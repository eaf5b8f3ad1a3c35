#!/usr/bin/env bash
# Sets up copydesk in ./.venv (idempotent) and runs one job:
#   ./run.sh demo    analyse, interview and check the bundled sample article
#   ./run.sh test    the whole test suite
#   ./run.sh bench   the benchmarks in quick mode (needs ../shared/data)
set -euo pipefail
cd "$(dirname "$0")"

PY=${PYTHON:-$(command -v python3.11 || command -v python3)}
VENV=.venv

setup() {
    if [ ! -x "$VENV/bin/python" ]; then
        "$PY" -m venv "$VENV"
    fi
    # Reinstall only when the project's dependency list changed since the last install.
    local stamp="$VENV/.copydesk-installed" want
    want=$(cat pyproject.toml requirements/*.txt 2>/dev/null | sha1sum | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        "$VENV/bin/python" -m pip install -q --upgrade pip
        "$VENV/bin/python" -m pip install -q -e ".[test]"
        echo "$want" > "$stamp"
    fi
}

case "${1:-}" in
    demo)
        setup
        "$VENV/bin/copydesk" analyse examples/harbour-strike.txt --published 2024-03-15 --format text
        ;;
    test)
        setup
        set +e
        "$VENV/bin/python" -m pytest -q "${@:2}"
        code=$?
        set -e
        # pytest exits 5 when it collected no test: that is a failure of the suite, say so.
        if [ "$code" -eq 5 ]; then echo "run.sh: no tests were collected" >&2; exit 1; fi
        exit "$code"
        ;;
    bench)
        setup
        "$VENV/bin/python" benchmarks/run_all.py --quick
        ;;
    *)
        echo "usage: ./run.sh demo | test | bench" >&2
        exit 2
        ;;
esac
