// Where the login page sends the user afterwards. `next` is set only when a visit without a
// session is sent to the login page, and it may only name a page of this app: a link to the
// login page must not take a user who signs in to another site (open redirect).

const LOGIN = "/login";
const BASE = "http://app.invalid";

/** `next` if it is a path of this app (not another site, not the login page itself), else null. */
export function safeNextPath(raw: string | null | undefined): string | null {
  // Protocol-relative («//site», «/\site») and anything with control characters or a scheme is out.
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE || url.pathname === LOGIN || url.pathname.startsWith(`${LOGIN}/`)) return null;
  return url.pathname + url.search + url.hash;
}

/** The login page, with `next` pointing back to a page of the app when there is one to return to. */
export function loginPath(next?: string | null): string {
  const safe = safeNextPath(next);
  return safe && safe !== "/" ? `${LOGIN}?next=${encodeURIComponent(safe)}` : LOGIN;
}
