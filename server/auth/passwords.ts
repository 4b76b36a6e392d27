import crypto from "node:crypto";
import argon2 from "argon2";

/** Hashes a password with argon2id (the library's defaults: 64 MiB, 3 passes). */
export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

let verifications = 0;

/** How many password checks this process has run: lets tests see that unknown logins are checked too. */
export const passwordVerifications = () => verifications;

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  verifications++;
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// A hash of a random password with the same parameters as real ones, made once per process.
let dummyHash: Promise<string> | null = null;

/**
 * Checks a password against a hash nobody's password matches, costing what a real check costs:
 * a login that does not exist (or is disabled) takes as long as a wrong password of a real one,
 * so answer times do not tell which logins exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(crypto.randomBytes(24).toString("base64url"));
  await verifyPassword(await dummyHash, password);
  return false;
}
