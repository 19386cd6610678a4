// Why a store write failed: the store is unavailable (queue the event and backfill it later), or
// the store refused this event's data (retrying cannot help: dead-letter it).

/**
 * SQLSTATE classes caused by the values written: 22 data exception (e.g. a NUL character in
 * jsonb), 23 integrity constraint violation. Everything else, connection (08), resources (53),
 * operator intervention and statement timeouts (57), system errors (58), serialization (40),
 * client-side timeouts and socket errors (ECONN*) included, is an outage.
 */
const BAD_DATA_CLASSES = new Set(['22', '23']);

export function isBadEvent(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && BAD_DATA_CLASSES.has(code.slice(0, 2))
  );
}
