import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { HttpError, SERVE_ERROR_CODES } from './http-errors.js';

/**
 * Routes that stay open with a token set: probes and scrapers do not carry it, and GitHub signs its
 * webhook deliveries instead (the route checks the signature).
 */
export const PUBLIC_ROUTES: readonly string[] = ['/health', '/metrics', '/github/webhook'];

/** True when `given` equals `expected`, in time independent of where they differ. */
export function tokensEqual(given: string, expected: string): boolean {
  // Hashing first gives equal-length buffers, so the comparison time does not reveal the length either.
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Require `Authorization: Bearer <token>` on every route but the public ones. */
export function installBearerAuth(app: FastifyInstance, token: string): void {
  app.addHook('onRequest', async (request) => {
    const route = request.routeOptions.url;
    if (route !== undefined && PUBLIC_ROUTES.includes(route)) return;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer (.+)$/i.exec(header);
    if (!match?.[1] || !tokensEqual(match[1], token)) {
      throw new HttpError(401, SERVE_ERROR_CODES.unauthorized, 'missing or wrong bearer token');
    }
  });
}
