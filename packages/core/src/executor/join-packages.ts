// One native call per frame across packages: the first package's KitChain takes the chains of
// the packages after it as stages (a C-ABI stage table that its kit checks against its own ABI
// and layout) and calls them itself. Packages without stage support, or whose kit refuses a
// stage (ERR_ABI_MISMATCH), keep one call per package.
import type { KitChainHandle } from './native-plan.js';

/** Whether `chains[0]` now runs every chain of `chains` in its calls. */
export function joinPackages(chains: readonly KitChainHandle[]): boolean {
  const [head, ...rest] = chains;
  if (head?.attach === undefined || rest.length === 0) return false;
  if (!rest.every((chain) => typeof chain.exportStage === 'function')) return false;
  try {
    head.attach(rest.map((chain) => (chain.exportStage as () => object).call(chain)));
    return true;
  } catch {
    // Refused before any stage was taken: each chain still runs on its own.
    return false;
  }
}
