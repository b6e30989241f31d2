import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. (2 is `Algorithm.Argon2id`, a const enum.)
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, options);

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. Without a hash (unknown user, OIDC-only account) it still
 * spends the time of one verification, so the answer's timing does not tell which usernames exist.
 */
export const verifyPassword = async (storedHash: string | null, password: string): Promise<boolean> => {
  if (storedHash === null) {
    dummyHash ??= hashPassword('cograde-no-such-user');
    await verify(await dummyHash, password);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
};
