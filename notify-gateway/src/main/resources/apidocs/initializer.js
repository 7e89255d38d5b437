// The three documents the gateway routes to their services; no validator badge (it would call out).
window.addEventListener('load', () => {
  window.ui = SwaggerUIBundle({
    urls: [
      { url: '/v3/api-docs/qr', name: 'qr: QR codes (browser)' },
      { url: '/v3/api-docs/scan', name: 'scan: scan, confirm, cancel (app)' },
      { url: '/v3/api-docs/session', name: 'session: session tokens and keys' },
    ],
    'urls.primaryName': 'qr: QR codes (browser)',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
    validatorUrl: null,
  });
});
