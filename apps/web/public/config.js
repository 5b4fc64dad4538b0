/*
 * Runtime configuration of the Waypoint web client, read before the app starts.
 * Replace this file at deploy time (e.g. mount it over apps/web/dist/config.js) to turn on
 * single sign-on without rebuilding:
 *
 *   window.__WAYPOINT_CONFIG__ = {
 *     oidc: {
 *       issuer: 'https://id.example.com',   // must match the API's OIDC_ISSUER
 *       clientId: 'waypoint-web',           // a public client (no secret), PKCE S256
 *       scope: 'openid profile email',      // optional
 *       audience: 'waypoint',               // optional; sent when the IdP needs it (API: JWT_AUDIENCE)
 *     },
 *     devSignIn: false,                     // hide the development sign-in (default: shown when the API allows it)
 *     defaultOrganization: 'demo',          // organization slug prefilled on the development sign-in
 *   };
 */
window.__WAYPOINT_CONFIG__ = window.__WAYPOINT_CONFIG__ || {};
