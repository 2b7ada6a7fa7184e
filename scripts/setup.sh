#!/usr/bin/env bash
# Prepares a Debian machine (Node 20, run as root) to build and test the extension:
#   1. Debian packages: Chromium for the browser tests, and the compilers and headers that
#      code-server's native modules build with (skipped when all are installed).
#   2. Seeds @vscode/ripgrep's download cache with Debian's rg, because its postinstall
#      would otherwise download a binary from GitHub, which this network does not reach.
#   3. npm ci in the repository (skipped when node_modules already matches package-lock.json).
#   4. code-server, whose bundled VS Code runs the integration and UI tests, into
#      .harness/code-server/ (skipped when the pinned version is already there).
#
# Usage: bash scripts/setup.sh
# Environment:
#   SETUP_FORCE=1      run npm ci and reinstall code-server even when they look current
#   SETUP_SKIP_APT=1   do not touch Debian packages (for machines without root)
set -euo pipefail

# code-server 4.100.3 bundles VS Code 1.100.3. It is the newest release whose postinstall
# accepts Node 20; later releases require Node 22 or newer.
readonly CODE_SERVER_VERSION=4.100.3
readonly VSCODE_VERSION=1.100.3
# The @vscode/ripgrep version in code-server 4.100.3's dependency tree, and the ripgrep
# release tag that its lib/postinstall.js requests.
readonly RIPGREP_PACKAGE_VERSIONS=(1.15.11)
readonly RIPGREP_RELEASE=v13.0.0-10
readonly APT_PACKAGES=(chromium libkrb5-dev ripgrep build-essential pkg-config python3)

readonly APT_UPDATE_TIMEOUT=300
readonly APT_INSTALL_TIMEOUT=900
readonly NPM_CI_TIMEOUT=900
readonly CODE_SERVER_INSTALL_TIMEOUT=1500

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly REPO_ROOT
readonly HARNESS_DIR="$REPO_ROOT/.harness"
readonly LOG_DIR="$HARNESS_DIR/logs"
readonly CODE_SERVER_DIR="$HARNESS_DIR/code-server"
readonly CODE_SERVER_ENTRY="$CODE_SERVER_DIR/node_modules/code-server/out/node/entry.js"

export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
mkdir -p "$LOG_DIR"

say() { printf '[setup] %s\n' "$*"; }

fail() {
  printf '[setup] error: %s\n' "$*" >&2
  exit 1
}

# Prints the last lines of a log file to stderr, for a step that failed.
show_log_tail() {
  local log_file=$1 lines=${2:-25}
  printf '[setup] last %s lines of %s:\n' "$lines" "$log_file" >&2
  tail -n "$lines" "$log_file" >&2 || true
}

# Runs one named step and prints how long it took.
run_step() {
  local name=$1 started
  shift
  started=$(date +%s)
  "$@"
  say "$name: done in $(($(date +%s) - started)) s"
}

missing_apt_packages() {
  local package status
  for package in "${APT_PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || printf '%s\n' "$package"
  done
}

install_apt_packages() {
  if [[ ${SETUP_SKIP_APT:-0} == 1 ]]; then
    say "apt: skipped because SETUP_SKIP_APT=1"
    return
  fi
  local missing
  mapfile -t missing < <(missing_apt_packages)
  if ((${#missing[@]} == 0)); then
    say "apt: ${APT_PACKAGES[*]} already installed"
    return
  fi
  [[ $(id -u) == 0 ]] || fail "apt: missing packages ${missing[*]}, and installing them needs root. Run: sudo apt-get install ${missing[*]}"

  say "apt: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Lock::Timeout waits for another apt or dpkg run to finish instead of failing at once.
  timeout "$APT_UPDATE_TIMEOUT" apt-get -o DPkg::Lock::Timeout=300 update -q \
    >"$LOG_DIR/apt-update.log" 2>&1 || {
    show_log_tail "$LOG_DIR/apt-update.log"
    fail "apt-get update failed or timed out after ${APT_UPDATE_TIMEOUT} s (log: $LOG_DIR/apt-update.log)"
  }
  timeout "$APT_INSTALL_TIMEOUT" apt-get -o DPkg::Lock::Timeout=300 install -y -q \
    --no-install-recommends "${missing[@]}" >"$LOG_DIR/apt-install.log" 2>&1 || {
    show_log_tail "$LOG_DIR/apt-install.log"
    fail "apt-get install ${missing[*]} failed or timed out after ${APT_INSTALL_TIMEOUT} s (log: $LOG_DIR/apt-install.log)"
  }
  say "apt: installed ${missing[*]}"
}

ripgrep_target() {
  case "$(uname -m)" in
    x86_64) echo x86_64-unknown-linux-musl ;;
    aarch64) echo aarch64-unknown-linux-musl ;;
    *) fail "ripgrep: unsupported machine architecture $(uname -m); expected x86_64 or aarch64" ;;
  esac
}

# @vscode/ripgrep's postinstall unpacks <tmpdir>/vscode-ripgrep-cache-<package version>/
# ripgrep-<release>-<target>.tar.gz when that file exists and downloads it otherwise.
seed_ripgrep_cache() {
  local rg_path target asset version cache_dir staging
  rg_path=$(command -v rg) || fail "ripgrep: rg not found; install the Debian package ripgrep"
  target=$(ripgrep_target)
  asset="ripgrep-$RIPGREP_RELEASE-$target.tar.gz"
  for version in "${RIPGREP_PACKAGE_VERSIONS[@]}"; do
    cache_dir="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$version"
    if [[ -s $cache_dir/$asset ]]; then
      say "ripgrep: $cache_dir/$asset already present"
      continue
    fi
    mkdir -p "$cache_dir"
    staging=$(mktemp -d)
    cp "$rg_path" "$staging/rg"
    tar -czf "$cache_dir/$asset.partial" -C "$staging" rg
    mv "$cache_dir/$asset.partial" "$cache_dir/$asset"
    rm -rf "$staging"
    say "ripgrep: seeded $cache_dir/$asset from $rg_path"
  done
}

# Succeeds when node_modules/.package-lock.json, which npm writes after each install, lists
# the same package versions as package-lock.json, so npm ci would change nothing.
node_modules_match_lockfile() {
  [[ -f $REPO_ROOT/node_modules/.package-lock.json ]] || return 1
  node - "$REPO_ROOT" <<'EOF'
const fs = require('node:fs');
const path = require('node:path');
const root = process.argv[2];
const readPackages = (file) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')).packages ?? {};
const locked = readPackages('package-lock.json');
const installed = readPackages('node_modules/.package-lock.json');
for (const [location, entry] of Object.entries(locked)) {
  if (location === '' || entry.link) continue;
  const present = installed[location];
  // npm leaves out optional packages for other platforms, so those may be absent.
  if (!present) {
    if (entry.optional) continue;
    process.exit(1);
  }
  if (present.version !== entry.version) process.exit(1);
}
for (const location of Object.keys(installed)) {
  if (!(location in locked)) process.exit(1);
}
EOF
}

install_node_modules() {
  [[ -f $REPO_ROOT/package-lock.json ]] || fail "npm: $REPO_ROOT/package-lock.json not found; npm ci needs it"
  if [[ ${SETUP_FORCE:-0} != 1 ]] && node_modules_match_lockfile; then
    say "npm: node_modules already matches package-lock.json"
    return
  fi
  say "npm: running npm ci"
  (cd "$REPO_ROOT" && timeout "$NPM_CI_TIMEOUT" npm ci --no-audit --no-fund) >"$LOG_DIR/npm-ci.log" 2>&1 || {
    show_log_tail "$LOG_DIR/npm-ci.log"
    fail "npm ci failed or timed out after ${NPM_CI_TIMEOUT} s (log: $LOG_DIR/npm-ci.log)"
  }
  say "npm: npm ci finished (log: $LOG_DIR/npm-ci.log)"
}

# Prints the version line of the installed code-server, e.g. "4.100.3 <commit> with Code 1.100.3",
# or nothing when none is installed.
installed_code_server_version() {
  [[ -f $CODE_SERVER_ENTRY ]] || return 0
  local scratch
  scratch=$(mktemp -d)
  # code-server writes a default config.yaml under $XDG_CONFIG_HOME on every start, even for
  # --version, so point it at a scratch folder instead of the user's home.
  XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" timeout 60 node "$CODE_SERVER_ENTRY" --version 2>/dev/null |
    grep -E '^[0-9]+\.[0-9]+\.[0-9]+ ' | head -n 1 || true
  rm -rf "$scratch"
}

install_code_server() {
  local current staging node_major
  current=$(installed_code_server_version)
  if [[ ${SETUP_FORCE:-0} != 1 && $current == "$CODE_SERVER_VERSION "*"Code $VSCODE_VERSION"* ]]; then
    say "code-server: $CODE_SERVER_VERSION (VS Code $VSCODE_VERSION) already in $CODE_SERVER_DIR"
    return
  fi
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  [[ $node_major == 20 ]] || fail "code-server $CODE_SERVER_VERSION needs Node 20, but node is $(node --version)"

  say "code-server: installing $CODE_SERVER_VERSION into $CODE_SERVER_DIR (${current:-none installed yet})"
  # Install into a staging folder and move it into place only on success, so that an
  # interrupted install never looks like a finished one.
  staging="$HARNESS_DIR/code-server.partial"
  rm -rf "$staging"
  mkdir -p "$staging"
  printf '{\n  "name": "code-server-for-tests",\n  "private": true\n}\n' >"$staging/package.json"
  # npm_config_unsafe_perm=true: code-server's postinstall stops when run as root without it.
  # npm_config_yes=true: node-pty's postinstall runs npx node-gyp, which otherwise cancels
  # because npx may not prompt without a terminal.
  (cd "$staging" && npm_config_unsafe_perm=true npm_config_yes=true \
    timeout "$CODE_SERVER_INSTALL_TIMEOUT" npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION") \
    >"$LOG_DIR/code-server-install.log" 2>&1 || {
    grep -v '^gyp info' "$LOG_DIR/code-server-install.log" | tail -n 30 >&2 || true
    fail "npm install code-server@$CODE_SERVER_VERSION failed or timed out after ${CODE_SERVER_INSTALL_TIMEOUT} s (log: $LOG_DIR/code-server-install.log)"
  }
  rm -rf "$CODE_SERVER_DIR"
  mv "$staging" "$CODE_SERVER_DIR"
  current=$(installed_code_server_version)
  [[ $current == "$CODE_SERVER_VERSION "* ]] ||
    fail "code-server: installed, but '$CODE_SERVER_ENTRY --version' printed '${current}' instead of $CODE_SERVER_VERSION"
  say "code-server: installed $current ($(du -sh "$CODE_SERVER_DIR" | cut -f1) on disk)"
}

check_chromium() {
  local version
  version=$(timeout 30 /usr/bin/chromium --version 2>/dev/null) ||
    fail "chromium: /usr/bin/chromium --version failed; install the Debian package chromium"
  say "chromium: $version"
}

started_at=$(date +%s)
say "repository: $REPO_ROOT"
run_step apt install_apt_packages
run_step chromium check_chromium
run_step ripgrep seed_ripgrep_cache
run_step npm install_node_modules
run_step code-server install_code_server
say "finished in $(($(date +%s) - started_at)) s"
