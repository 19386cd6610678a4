// No user name, password or token in a connection URL survives redaction, whatever it holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holds } from '../../../tools/testing/property.js';
import { redactCredentials, redactError } from '../src/index.js';

// Credentials as a user might write them, raw '@', '/' and ':' included (no spaces: a URL ends
// at the first one). The marker keeps them from matching the rest of the message by chance.
const secret = fc
  .string({ unit: fc.constantFrom(...'abcXYZ019@/:%!$&()*+,;=-._~'), minLength: 1, maxLength: 16 })
  .map((s) => `S3CR3T${s}`);
const scheme = fc.constantFrom('nats', 'tls', 'postgres', 'postgresql', 'kafka', 'NATS');

describe('redactCredentials on any credentials', () => {
  it('blanks every password and token of a URL in a message', () => {
    holds(
      'redactCredentials (user:password and token URLs)',
      fc.property(scheme, secret, fc.option(secret), (protocol, first, second) => {
        const credentials = second === null ? first : `${first}:${second}`;
        const message = `cannot connect to ${protocol}://${credentials}@broker.example:4222: refused`;
        const shown = redactCredentials(message);
        expect(shown).not.toContain('S3CR3T');
        expect(shown).toContain('broker.example:4222');
        const error = redactError(new Error('outer', { cause: new Error(message) }));
        expect(String((error.cause as Error).message)).not.toContain('S3CR3T');
      }),
    );
  });
});
