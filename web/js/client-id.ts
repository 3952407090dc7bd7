const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/**
 * The id a page makes for what it sends (a ballot, a pile), so that a resend is recognised: 21 random
 * characters, like nanoid; getRandomValues works on a plain-HTTP address in the hall too.
 */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(21));
  return Array.from(bytes, (b) => ID_ALPHABET[b & 63]).join('');
}
