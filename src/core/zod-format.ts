// One readable line from a zod error: "field.path: message; other: message".
import type * as z from 'zod';

export function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(row)'}: ${i.message}`)
    .join('; ');
}
