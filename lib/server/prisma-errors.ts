import "server-only";

/** Prisma's "unique constraint failed" (P2002), e.g. two racing inserts of the same key. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";
}
