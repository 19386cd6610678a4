# Source this file to get the Linux cross-build toolchain on PATH: Zig and cargo-zigbuild from
# PyPI (pinned below) in a virtualenv under the cache folder, plus the Rust targets built here.
# Zig links every target against its own bundled libc headers (glibc at a chosen floor, or
# musl), so one toolchain from one registry covers aarch64-gnu and both musl targets.
#   REMOTEMEDIA_CACHE=~/.cache/remotemedia (default)
REMOTEMEDIA_ZIG_VERSION=0.15.2
REMOTEMEDIA_ZIGBUILD_VERSION=0.24.0

remotemedia_cross_toolchain() {
  local venv="${REMOTEMEDIA_CACHE:-$HOME/.cache/remotemedia}/cross-venv"
  local want="ziglang==$REMOTEMEDIA_ZIG_VERSION cargo-zigbuild==$REMOTEMEDIA_ZIGBUILD_VERSION"
  if [ "$(cat "$venv/.pins" 2>/dev/null)" != "$want" ]; then
    echo "cross: installing $want from PyPI into $venv" >&2
    rm -rf "$venv"
    python3 -m venv "$venv" &&
      "$venv/bin/pip" install --quiet --disable-pip-version-check $want &&
      echo "$want" >"$venv/.pins" ||
      { echo "cross: could not install $want" >&2; return 1; }
  fi
  export PATH="$venv/bin:$PATH"
  # The ziglang wheel ships the compiler as a module; cargo-zigbuild finds it through python -m ziglang.
  rustup target add aarch64-unknown-linux-gnu x86_64-unknown-linux-musl aarch64-unknown-linux-musl \
    >/dev/null 2>&1 || { echo "cross: rustup could not add the Linux cross targets" >&2; return 1; }
}

remotemedia_cross_toolchain
