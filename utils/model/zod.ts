import { z } from 'zod/mini';
import { en } from 'zod/locales';

/**
 * The schema library, as every schema module imports it: zod 4's functional `zod/mini`, which a
 * bundle carries only the parts it uses of (classic `zod`'s methods bring all of it: 89 KiB in
 * each page and the background, issue 12). Mini starts with no words for its problems; English,
 * as classic zod says them, is set here once, so a refusal still names what is wrong
 * (`settings.people[2].identifiers[0].value: Too small: expected string to have >=1 characters`).
 */
z.config(en());

export { z };
