// Credentials never reach a log line, a health report or a rethrown error.
const URL_LIKE = /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi;
// Schemes of connection URLs: an '@' in one always ends credentials, even when a raw '/' in a
// token makes a URL parser read the token as the host.
const CONNECTION_SCHEMES = new Set([
  'nats',
  'tls',
  'ws',
  'wss',
  'postgres',
  'postgresql',
  'kafka',
  'redis',
  'rediss',
  'amqp',
  'amqps',
  'mqtt',
  'mqtts',
]);

/**
 * Blanks the user and password (or token) of every connection URL in `message`. A password may
 * hold a raw '@' or '/', so everything up to the token's last '@' goes.
 */
export function redactCredentials(message: string): string {
  return message.replace(URL_LIKE, (text) => {
    const at = text.lastIndexOf('@');
    if (at < 0) return text;
    const scheme = text.slice(0, text.indexOf('://') + 3);
    let hasCredentials = true;
    try {
      const url = new URL(text);
      hasCredentials =
        url.username !== '' ||
        url.password !== '' ||
        CONNECTION_SCHEMES.has(scheme.slice(0, -3).toLowerCase());
    } catch {
      // Unparsable with an '@' in it: treat as credentials.
    }
    if (!hasCredentials) return text;
    return `${scheme}***@${text.slice(at + 1)}`;
  });
}

/** The same error with every message in it (its own, its stack, its causes') redacted. */
export function redactError<E>(error: E): E {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    e.message = redactCredentials(e.message);
    if (e.stack !== undefined) e.stack = redactCredentials(e.stack);
  }
  return error;
}
