// Access tokens: short-lived HS256 JWTs signed with jose, carrying who the user
// is, their role and scope (for the app to show), and their token version: any
// change of rights bumps the version, which invalidates every token issued
// before. The server always re-reads the user when a token is presented, so the
// claims are informative; `sub` and `ver` are what count.
// Refresh tokens: opaque random strings; only their SHA-256 is stored.
import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, errors } from 'jose';
import type { Role } from './access';

const ISSUER = 'selaras';
const AUDIENCE = 'selaras';

export interface AccessClaims {
  sub: string;
  role: Role;
  scope: string;
  ver: number;
  ws: string;
}

export interface TokenSigner {
  sign(claims: AccessClaims): Promise<{ token: string; expiresAt: number }>;
  verify(token: string): Promise<VerifyResult>;
}

export type VerifyResult = { ok: true; claims: AccessClaims } | { ok: false; reason: 'expired' | 'invalid' };

export function createTokenSigner(secret: string, ttlSeconds: number, now: () => number = Date.now): TokenSigner {
  const key = new TextEncoder().encode(secret);
  return {
    async sign(claims) {
      const iat = Math.floor(now() / 1000);
      const exp = iat + ttlSeconds;
      const token = await new SignJWT({ role: claims.role, scope: claims.scope, ver: claims.ver, ws: claims.ws })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(claims.sub)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(key);
      return { token, expiresAt: exp * 1000 };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: new Date(now()),
        });
        const { sub, role, scope, ver, ws } = payload;
        if (typeof sub !== 'string' || typeof role !== 'string' || typeof scope !== 'string' || typeof ver !== 'number' || typeof ws !== 'string') {
          return { ok: false, reason: 'invalid' };
        }
        return { ok: true, claims: { sub, role: role as Role, scope, ver, ws } };
      } catch (err) {
        return { ok: false, reason: err instanceof errors.JWTExpired ? 'expired' : 'invalid' };
      }
    },
  };
}

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
