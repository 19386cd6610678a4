# Source after tools/node-env.sh: installs the workspace's npm dependencies from package-lock.json.
# `npm ci` refuses a lock file that lacks other platforms' optional packages (some registry
# mirrors serve only the newest version of each, so npm cannot record them); then we install the
# locked versions with `npm install --no-save`, which leaves the lock file untouched.
if ! npm ci --no-audit --no-fund; then
  echo "install-deps: npm ci refused the lock file; installing the locked versions with npm install" >&2
  npm install --no-save --no-audit --no-fund
fi
