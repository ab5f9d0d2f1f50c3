import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';

/**
 * For the few routes whose body or answer is not JSON (a file uploaded for import, a rejects file downloaded): the
 * route still goes through mountRoutes (who calls, the declared access, the audit), and reads the request's stream
 * or answers with a stream of its own through here, instead of the JSON the registry reads and writes.
 */
interface Exchange {
  request: Request;
  response?: Response;
}

const exchanges = new AsyncLocalStorage<Exchange>();

/** Mount on the paths of such routes, before mountRoutes. */
export function rawExchange(): MiddlewareHandler {
  return async (c, next) => {
    const exchange: Exchange = { request: c.req.raw };
    await exchanges.run(exchange, next);
    if (exchange.response) {
      c.res = exchange.response;
      // Hono carries the JSON answer's headers over; its length is not this answer's.
      c.res.headers.delete('content-length');
    }
  };
}

function current(): Exchange {
  const exchange = exchanges.getStore();
  if (!exchange) throw new Error('this route needs rawExchange() mounted on its path');
  return exchange;
}

/** The request being answered, its body unread. */
export function rawRequest(): Request {
  return current().request;
}

/** Answers with this response instead of the route's JSON. */
export function replyRaw(response: Response): void {
  current().response = response;
}
