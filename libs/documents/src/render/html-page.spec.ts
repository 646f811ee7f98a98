import { htmlDocument } from './html-page.js';

describe('htmlDocument', () => {
  const page = htmlDocument({
    title: 'Key learnings </title><script>alert(1)</script>',
    lang: 'pl',
    bodyHtml: '<h1>Kluczowe wnioski</h1>\n<p>Treść</p>\n',
    meta: [{ label: 'Rapporteur', value: 'Zofia <Żółć>' }],
  });

  it('is a complete standalone page with charset, CSP and escaped title', () => {
    expect(page.startsWith('<!doctype html>\n<html lang="pl">')).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    );
    expect(page).toContain(
      '<title>Key learnings &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>',
    );
    expect(page).not.toMatch(/<script|<link|@import|url\(|src=/i);
    expect(page).toContain('@media print');
  });

  it('places the escaped metadata after the body heading', () => {
    expect(page).toMatch(
      /<h1>Kluczowe wnioski<\/h1>\n<dl class="meta">\n<dt>Rapporteur<\/dt><dd>Zofia &lt;Żółć&gt;<\/dd>\n<\/dl>\n<p>Treść<\/p>/,
    );
  });

  it('shows the title as heading when the body has none, and refuses odd language tags', () => {
    const plain = htmlDocument({ title: 'Day 1 & 2', lang: '"><x', bodyHtml: '<p>x</p>' });
    expect(plain).toContain('<html lang="en">');
    expect(plain).toContain('<h1>Day 1 &amp; 2</h1>\n<p>x</p>');
    expect(plain).not.toContain('class="meta"');
  });
});
