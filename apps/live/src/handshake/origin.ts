/**
 * Browsers send the page's Origin with every WebSocket handshake and the cookie rides along, so a
 * handshake from another site must be refused (cross-site WebSocket hijacking). A client outside a
 * browser sends the hub's origin itself; a handshake without one is refused as well.
 */
export function isAllowedOrigin(
  origin: string | string[] | undefined,
  publicBaseUrl: string,
): boolean {
  if (typeof origin !== 'string') return false;
  return origin === new URL(publicBaseUrl).origin;
}
