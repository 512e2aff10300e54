// Locks the desktop app down beyond the window's own options: a strict Content-Security-Policy on every response,
// every permission request refused, and no web contents (window, webview, popup) that may navigate or open windows.
import type { App, Session, Shell, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../api/content-security-policy';

// The policy (api/content-security-policy.ts) is sent as a response header by `hardenSession` for http(s) pages (the
// dev server); file:// responses carry no headers in Chromium, so the built page also carries it as a meta tag
// (src-renderer/index.html, checked at build time by electron.vite.config.ts).

export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY], 'X-Content-Type-Options': ['nosniff'] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Applies to every web contents the app ever creates: new windows denied (https links go to the browser). */
export function hardenContents(contents: WebContents, shell: Pick<Shell, 'openExternal'>): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const refuse = (event: { preventDefault(): void }) => event.preventDefault();
  contents.on('will-navigate', refuse);
  contents.on('will-redirect', refuse);
  contents.on('will-attach-webview', refuse);
}

export function hardenApp(app: Pick<App, 'on'>, shell: Pick<Shell, 'openExternal'>): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, shell));
}
