import crypto from 'node:crypto';
import { jwtVerify, JWTPayload } from 'jose';
import type { AuthConfig } from '../config';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import { API_KEY_PREFIX, ApiKeyRepository, hashApiKey, Role, ROLES } from './api-key.repository';

/** Who made a request: `apikey:NAME` or `jwt:SUBJECT`, and the roles they hold. */
export interface Caller {
  id: string;
  roles: Role[];
}

const PUBLIC_KEY_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * Authenticates a bearer token: an API key (`lpk_...`, looked up by its SHA-256 in api_key) or a
 * JWT verified with the configured HS256 secret or public key (expiry, and issuer and audience
 * when configured, are checked). A JWT's roles come from its `roles` claim (array) or `role` claim
 * (string); its id from `sub`.
 */
export class Authenticator {
  private readonly publicKey: crypto.KeyObject | null;
  private readonly secret: Uint8Array | null;

  constructor(private readonly keys: ApiKeyRepository, private readonly config: AuthConfig) {
    this.publicKey = config.jwtPublicKey ? crypto.createPublicKey(config.jwtPublicKey) : null;
    this.secret = config.jwtSecret ? new TextEncoder().encode(config.jwtSecret) : null;
  }

  /**
   * The caller an Authorization header names.
   * @throws UnauthenticatedError when the header is missing, not `Bearer ...`, or the token is unknown, revoked, expired or badly signed.
   */
  async authenticate(authorization: string | undefined): Promise<Caller> {
    if (!authorization) throw new UnauthenticatedError('send "Authorization: Bearer <API key or JWT>"');
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!m) throw new UnauthenticatedError('the Authorization header must be "Bearer <token>"');
    const token = m[1];
    if (token.startsWith(API_KEY_PREFIX)) {
      const owner = await this.keys.findActive(hashApiKey(token));
      if (!owner) throw new UnauthenticatedError('unknown or revoked API key');
      return { id: `apikey:${owner.name}`, roles: [owner.role] };
    }
    return this.verifyJwt(token);
  }

  private async verifyJwt(token: string): Promise<Caller> {
    const key = this.publicKey ?? this.secret;
    if (!key) throw new UnauthenticatedError('JWTs are not accepted here (no JWT key is configured); use an API key');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: this.publicKey ? PUBLIC_KEY_ALGORITHMS : ['HS256'],
        issuer: this.config.jwtIssuer ?? undefined,
        audience: this.config.jwtAudience ?? undefined,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'ERR_JWT_INVALID';
      throw new UnauthenticatedError(`the token was refused (${code})`);
    }
    const claimed = Array.isArray(payload.roles) ? payload.roles : typeof payload.role === 'string' ? [payload.role] : [];
    return { id: `jwt:${payload.sub}`, roles: claimed.filter((r): r is Role => ROLES.includes(r as Role)) };
  }
}

/**
 * The caller, who must hold `role`.
 * @throws UnauthenticatedError (401) or ForbiddenError (403).
 */
export async function requireRole(authenticate: () => Promise<Caller>, role: Role): Promise<Caller> {
  const caller = await authenticate();
  if (!caller.roles.includes(role)) throw new ForbiddenError(role);
  return caller;
}
