#!/usr/bin/env bash
# Sets up tei-edition on Debian: system packages (only those missing), a virtual
# environment in .venv, and the package. Idempotent. `--dev` adds what the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
[[ "${1:-}" == "--dev" ]] && dev=1

# What the product needs at run time: Pango for WeasyPrint, real CJK fonts, HarfBuzz's
# subsetter (without it WeasyPrint subsets CJK fonts ~60x slower), and a CMYK ICC profile
# for the print profile's PDF/X-4 output intent (Ghostscript's, in libgs-common).
apt_packages=(python3-venv libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk libharfbuzz-subset0
              poppler-utils libgs-common)
# What the tests need: a real browser and a Java runtime for the Nu Html Checker.
declare -A dev_commands=([chromium]=chromium [java]=default-jre-headless)

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if (( dev )); then
  for c in "${!dev_commands[@]}"; do
    command -v "$c" >/dev/null 2>&1 || missing+=("${dev_commands[$c]}")
  done
fi
if (( ${#missing[@]} )); then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "setup: installing system packages: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python="${PYTHON:-python3}"
if [[ ! -x .venv/bin/python ]]; then
  "$python" -m venv .venv
fi
extra=""
(( dev )) && extra="[dev]"
stamp=".venv/.installed${extra}"
if [[ ! -f "$stamp" || pyproject.toml -nt "$stamp" ]]; then
  # pip and setuptools are chatty even with -q: show their output only if they fail.
  log=$(mktemp)
  if ! { .venv/bin/python -m pip install -q --upgrade pip &&
         .venv/bin/python -m pip install -q -e ".${extra}"; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
  touch "$stamp"
fi
