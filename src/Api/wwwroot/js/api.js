// Calls to the service's own HTTP API. A 401 (keys configured, no session yet) opens the sign-in
// dialog; the session is a cookie, so EventSource and <img> requests carry it too.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
  /** Field → messages, from a validation ProblemDetails. */
  get fieldErrors() { return this.problem?.errors ?? {}; }
}

export async function api(path, { method = 'GET', json, body, accept = 'application/json' } = {}) {
  const init = { method, headers: { Accept: accept }, credentials: 'same-origin' };
  if (json !== undefined) { init.body = JSON.stringify(json); init.headers['Content-Type'] = 'application/json'; }
  else if (body !== undefined) init.body = body;
  let response = await fetch(path, init);
  if (response.status === 401 && path !== '/auth/session') {
    await signIn();
    response = await fetch(path, init);
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    throw new ApiError(response.status, problem);
  }
  if (accept !== 'application/json') return response.blob();
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

let pendingSignIn = null;

/** Shows the sign-in dialog until a key is accepted; concurrent 401s share one dialog. */
function signIn() {
  pendingSignIn ??= new Promise(resolve => {
    const dialog = document.getElementById('sign-in');
    const form = document.getElementById('sign-in-form');
    const error = document.getElementById('sign-in-error');
    form.onsubmit = async event => {
      event.preventDefault();
      const apiKey = new FormData(form).get('apiKey');
      const response = await fetch('/auth/session', {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ apiKey }),
      });
      if (!response.ok) { error.textContent = 'That key is not valid.'; return; }
      error.textContent = '';
      dialog.close();
      pendingSignIn = null;
      resolve();
    };
    dialog.showModal();
  });
  return pendingSignIn;
}

/**
 * Follows a resource's event stream (`{resource}/events`): each named event's JSON goes to its handler. The browser
 * reconnects by itself (sending Last-Event-ID) unless the server refused the stream, e.g. a 401 when the session
 * expired: then a normal call to the resource signs in again and the stream reopens after the last event seen.
 * Returns close(), which handlers may call too (at a final status).
 */
export function followEvents(resource, handlers, onLost) {
  let source = null;
  let lastEventId = null;
  let closed = false;
  function open() {
    const query = lastEventId ? `?lastEventId=${encodeURIComponent(lastEventId)}` : '';
    source = new EventSource(`${resource}/events${query}`);
    for (const [name, handle] of Object.entries(handlers))
      source.addEventListener(name, event => { lastEventId = event.lastEventId || lastEventId; handle(JSON.parse(event.data)); });
    source.onerror = async () => {
      if (closed || source.readyState !== EventSource.CLOSED) return;
      try { await api(resource); if (!closed) open(); }
      catch (e) { onLost(e); }
    };
  }
  open();
  return () => { closed = true; source.close(); };
}
