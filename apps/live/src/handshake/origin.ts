/**
 * Browsers send the page's Origin with every WebSocket handshake and the cookie rides along, so a
 * handshake from a site outside the api's CORS allowlist (`config.corsOrigins`: the public base and
 * CORS_ORIGINS) must be refused (cross-site WebSocket hijacking). A client outside a browser sends
 * an allowed origin itself; a handshake without one is refused as well.
 */
export function isAllowedOrigin(
  origin: string | string[] | undefined,
  allowedOrigins: readonly string[],
): boolean {
  if (typeof origin !== 'string') return false;
  return allowedOrigins.includes(origin);
}
