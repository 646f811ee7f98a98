/**
 * A BCP 47-shaped language tag, or `en`: the tag lands in an HTML attribute and the PDF catalogue,
 * so anything else (a stray locale string from a profile) is replaced rather than passed through.
 */
export function normaliseLang(lang: string | undefined): string {
  const tag = (lang ?? '').trim().replace(/_/g, '-');
  return /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : 'en';
}
