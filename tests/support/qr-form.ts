/*
 * Reporting on the QR page as its form does, over real HTTP: open the page (it sets the
 * anti-forgery cookie and writes the same value in a hidden field), post the form back with both,
 * follow nothing. For tests that start from an anonymous report.
 */

export interface QrForm {
  category: string;
  text: string;
  location?: string;
  phone: string;
  name?: string;
}

/** Posts a report to `/r/<token>` of the server at `base` (no /graphql); answers the tracking path it redirects to. */
export async function reportByQr(base: string, token: string, form: QrForm): Promise<{ status: number; tracking: string | null }> {
  const page = await fetch(`${base}/r/${token}`);
  const html = await page.text();
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0];
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const fields: Record<string, string> = { csrf };
  for (const [key, value] of Object.entries(form)) if (value !== undefined) fields[key] = value;
  const res = await fetch(`${base}/r/${token}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, tracking: res.headers.get('location') };
}
