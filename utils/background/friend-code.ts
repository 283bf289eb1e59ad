import type { FriendCode } from '../store/storage';
import { leastUntilDue, type LockClock } from '../model/lock-clock';
import type { CodeCheck } from '../protocol/replies';

/**
 * The friend's code: made here, shown once to give to a support person, and kept only as a
 * salted PBKDF2-SHA-256 hash (WebCrypto). Wrong codes are counted and each try after the third
 * waits longer. Pure but for the WebCrypto calls.
 */
export const CODE_ITERATIONS = 310_000;
// No 0/O, 1/I/L: read aloud or copied by hand.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

/** Ten characters in two groups, about 50 bits: `K7QM2-XR4TD`. */
export function newCode(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const bytes = random(new Uint8Array(10));
  const chars = [...bytes].map((byte) => ALPHABET[byte % ALPHABET.length]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** What a person types, compared without case, spaces or dashes. */
export const canonicalCode = (typed: string) => typed.toUpperCase().replace(/[^A-Z0-9]/g, '');

async function derive(code: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(canonicalCode(code)), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
  return toBase64(new Uint8Array(bits));
}

export async function hashCode(code: string, now: number, iterations = CODE_ITERATIONS): Promise<FriendCode> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: toBase64(salt), hash: await derive(code, salt, iterations), iterations, createdAt: now, failures: 0, blockedUntil: 0 };
}

export async function codeMatches(stored: FriendCode, typed: string): Promise<boolean> {
  const hash = await derive(typed, fromBase64(stored.salt), stored.iterations);
  // Both are fixed-length base64 of a hash: compare every character, whatever the first difference.
  let difference = hash.length ^ stored.hash.length;
  for (let i = 0; i < hash.length; i += 1) difference |= hash.charCodeAt(i) ^ stored.hash.charCodeAt(i % stored.hash.length);
  return difference === 0;
}

/** How long to wait after this many wrong codes in a row: nothing for three, then 30 s doubling to an hour. */
export function waitAfter(failures: number): number {
  if (failures < 3) return 0;
  return Math.min(30_000 * 2 ** (failures - 3), 60 * 60 * 1000);
}


/** How long at the least until a slowed code may be tried again, by both clocks (0: now). */
export function codeWait(stored: FriendCode, clock: LockClock, now: number): number {
  return leastUntilDue({ appliesAt: stored.blockedUntil, seenDue: stored.blockedSeen }, clock, now);
}

/**
 * One try against the stored code: the answer, and what to store after it. The wait after wrong
 * codes ends once it has passed by the wall clock and in the time the extension has seen pass
 * (`clock`), so moving the system clock on does not end it.
 */
export async function tryCode(stored: FriendCode, typed: string, now: number, clock: LockClock): Promise<{ check: CodeCheck; next: FriendCode }> {
  const wait = codeWait(stored, clock, now);
  if (wait > 0) return { check: { ok: false, reason: 'wait', retryAt: now + wait }, next: stored };
  if (await codeMatches(stored, typed)) return { check: { ok: true }, next: { ...stored, failures: 0, blockedUntil: 0, blockedSeen: 0 } };
  const failures = stored.failures + 1;
  const after = waitAfter(failures);
  const blockedUntil = now + after;
  return { check: { ok: false, reason: 'wrong', retryAt: blockedUntil }, next: { ...stored, failures, blockedUntil, blockedSeen: clock.seenMs + after } };
}
