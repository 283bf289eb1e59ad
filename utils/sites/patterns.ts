/** Match patterns for a page and everything under it: `<base>`, `<base>?…` and `<base>/…`. */
export function pageAndBelow(...bases: string[]): string[] {
  return bases.flatMap((base) => [base, `${base}?*`, `${base}/*`]);
}

/** A name as written and in lower case: sites link names in lower case, people may type them otherwise. */
export function asWrittenAndLower(value: string): string[] {
  return [...new Set([value, value.toLowerCase()])];
}
