/**
 * Runtime configuration: `window.__WAYPOINT_CONFIG__` (set by /config.js, which operators may
 * replace at deploy time), falling back to build-time variables (VITE_OIDC_ISSUER,
 * VITE_OIDC_CLIENT_ID, VITE_OIDC_SCOPE, VITE_OIDC_AUDIENCE, VITE_DEFAULT_ORGANIZATION).
 */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  scope: string;
  audience?: string;
}

export interface WaypointConfig {
  oidc?: OidcConfig;
  /** false hides the development sign-in; otherwise it shows when the API allows it. */
  devSignIn: boolean;
  defaultOrganization: string;
}

interface RawConfig {
  oidc?: Partial<OidcConfig>;
  devSignIn?: boolean;
  defaultOrganization?: string;
}

declare global {
  interface Window {
    __WAYPOINT_CONFIG__?: RawConfig;
  }
}

function read(): WaypointConfig {
  const raw: RawConfig = (typeof window !== 'undefined' && window.__WAYPOINT_CONFIG__) || {};
  const env = import.meta.env;
  const issuer = raw.oidc?.issuer ?? env.VITE_OIDC_ISSUER;
  const clientId = raw.oidc?.clientId ?? env.VITE_OIDC_CLIENT_ID;
  return {
    oidc:
      issuer && clientId
        ? {
            issuer: String(issuer).replace(/\/$/, ''),
            clientId: String(clientId),
            scope: raw.oidc?.scope ?? env.VITE_OIDC_SCOPE ?? 'openid profile email',
            audience: raw.oidc?.audience ?? env.VITE_OIDC_AUDIENCE ?? undefined,
          }
        : undefined,
    devSignIn: raw.devSignIn !== false,
    defaultOrganization: raw.defaultOrganization ?? env.VITE_DEFAULT_ORGANIZATION ?? 'demo',
  };
}

export const config: WaypointConfig = read();
