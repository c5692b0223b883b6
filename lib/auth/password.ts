import bcrypt from "bcryptjs";

// bcrypt cost 12 in production; tests and the demo seed may lower it through the environment so
// that seeding hundreds of users stays fast. Never below 4 (bcrypt's minimum).
const COST = Math.max(4, Number(process.env.CHANGEGATE_BCRYPT_COST ?? 12));

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}
