import type { FastifyError, FastifyInstance } from 'fastify';
import { InfraLMError } from '../core/errors.js';

// Every 4xx/5xx the server sends has one shape, `{ error: { code, message } }`. InfraLMErrors keep
// their code and status; the few HTTP-only conditions get codes of their own here (the project's
// error table holds the codes that also occur outside the server).

export const SERVE_ERROR_CODES = {
  unauthorized: 'INFRALM_ERR_UNAUTHORIZED',
  bodyTooLarge: 'INFRALM_ERR_BODY_TOO_LARGE',
  requestInvalid: 'INFRALM_ERR_REQUEST_INVALID',
  routeNotFound: 'INFRALM_ERR_ROUTE_NOT_FOUND',
  unsupportedMediaType: 'INFRALM_ERR_MEDIA_TYPE',
  modelUnavailable: 'INFRALM_ERR_MODEL_UNAVAILABLE',
  predictionFailed: 'INFRALM_ERR_PREDICTION_FAILED',
  internal: 'INFRALM_ERR_INTERNAL',
} as const;

/** The JSON body of an error response. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** An error the server answers with a given status and code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** JSON schema of the error body, for the OpenAPI document. */
export const ERROR_BODY_SCHEMA = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' } },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
} as const;

/** Status and body for any error thrown while handling a request. */
export function errorResponse(error: unknown): { status: number; body: ErrorBody } {
  const body = (code: string, message: string) => ({ error: { code, message } });
  if (error instanceof HttpError) return { status: error.status, body: body(error.code, error.message) };
  if (InfraLMError.isInstance(error)) return { status: error.status, body: body(error.code, error.message) };
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation) {
    return { status: 400, body: body(SERVE_ERROR_CODES.requestInvalid, fastifyError.message ?? 'invalid') };
  }
  const status = fastifyError.statusCode ?? 500;
  if (status === 413)
    return { status, body: body(SERVE_ERROR_CODES.bodyTooLarge, fastifyError.message ?? '') };
  if (status === 415) {
    return { status, body: body(SERVE_ERROR_CODES.unsupportedMediaType, fastifyError.message ?? '') };
  }
  if (status >= 400 && status < 500) {
    return { status, body: body(SERVE_ERROR_CODES.requestInvalid, fastifyError.message ?? 'bad request') };
  }
  // Internal details (paths, stack, upstream text) stay in the log, not in the response.
  return { status: 500, body: body(SERVE_ERROR_CODES.internal, 'internal server error') };
}

/** Install the error and not-found handlers that give every failure the shape above. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = errorResponse(error);
    if (status >= 500) request.log.error({ err: error }, 'request-failed');
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: {
        code: SERVE_ERROR_CODES.routeNotFound,
        message: `no route ${request.method} ${request.url.split('?')[0]}`,
      },
    } satisfies ErrorBody),
  );
}
