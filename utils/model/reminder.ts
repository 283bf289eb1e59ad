/**
 * The same reminder all day, a different one tomorrow: the user's own day, which turns at their
 * midnight (counting UTC days changed it mid-day for most of the world).
 */
export function pickReminder(reminders: readonly string[], now = new Date()): string {
  const day = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / 86_400_000;
  return reminders[day % reminders.length] ?? '';
}
