import type { IdentifierKind } from './schema';

/**
 * Normalising identifiers so that what a site shows and what the user typed compare equal
 * (PRODUCT.md): handles case-insensitively without a leading `@`; names without case,
 * accents or emoji, whole; phones by digits; e-mails case-insensitively. Imports nothing
 * but types, so adapters can use it too.
 */
export function normalizeIdentifier(kind: IdentifierKind, raw: string): string {
  switch (kind) {
    case 'handle':
      return raw.trim().replace(/^@+/, '').replace(/\/+$/, '').toLowerCase();
    case 'name':
      return normalizeName(raw);
    case 'phone':
      return raw.replace(/\D+/g, '');
    case 'email':
      return raw.trim().replace(/^mailto:/i, '').toLowerCase();
    case 'accountId':
    case 'conversationId':
      return raw.trim();
  }
}

// Emoji, pictographs, symbols, joiners and variation selectors: "Sam 🌸" is "sam".
const DECORATION = /[\p{Extended_Pictographic}\p{So}\p{Sk}\p{Cf}\u{FE00}-\u{FE0F}\u{1F3FB}-\u{1F3FF}]/gu;

export function normalizeName(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(DECORATION, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether two identifiers name the same person, compared as the watch index compares them. */
export function sameIdentifier(a: { kind: IdentifierKind; value: string }, b: { kind: IdentifierKind; value: string }): boolean {
  if (a.kind !== b.kind) return false;
  const value = normalizeIdentifier(a.kind, a.value);
  return value !== '' && value === normalizeIdentifier(b.kind, b.value);
}

/** Guesses what a typed identifier is, when it is not a link. */
export function guessIdentifierKind(typed: string): IdentifierKind {
  const text = typed.trim();
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) return 'email';
  if (/^\+?[\d\s().-]{7,}$/.test(text) && text.replace(/\D/g, '').length >= 7) return 'phone';
  if (/^@?[\p{L}\p{N}_.-]+$/u.test(text)) return 'handle';
  return 'name';
}
