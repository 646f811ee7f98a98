import { markdownToHtml } from './markdown-html.js';

describe('markdownToHtml', () => {
  it('renders GFM: headings, emphasis, lists, tables, code and strikethrough', () => {
    const html = markdownToHtml(
      '# Day 2: Green Deal\n\n**bold** *it* ~~old~~ `a < b`\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```ts\nx < y && z\n```\n',
    );
    expect(html).toContain('<h1>Day 2: Green Deal</h1>');
    expect(html).toContain(
      '<strong>bold</strong> <em>it</em> <del>old</del> <code>a &lt; b</code>',
    );
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<th>a</th>');
    expect(html).toContain('<pre><code class="language-ts">x &lt; y &amp;&amp; z\n</code></pre>');
    expect(html).not.toMatch(/<h1 id=/);
  });

  it('escapes raw HTML typed by the public, inline and as blocks', () => {
    const html = markdownToHtml(
      'Question: <script>alert(1)</script> and <img src=x onerror=alert(2)>\n\n<div onclick="steal()">block</div>\n\n<script>x<svg/onload=alert(3)></script>\n',
    );
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('&lt;div onclick=&quot;steal()&quot;&gt;block&lt;/div&gt;');
    expect(html).not.toMatch(/<(script|img|div|svg)\b/i);
  });

  it('keeps only http, https and mailto links, with rel noopener noreferrer nofollow', () => {
    const html = markdownToHtml(
      [
        '[site](https://example.eu/a?b=1&c=2 "Title")',
        '[js](javascript:alert(1))',
        '[mixed](JaVaScRiPt:alert(1))',
        '[data](data:text/html;base64,PHNjcmlwdD4=)',
        '[rel](/relative/path)',
        '<mailto:team@example.eu>',
        'www.example.org',
      ].join('\n\n'),
    );
    expect(html).toContain(
      '<a href="https://example.eu/a?b=1&amp;c=2" rel="noopener noreferrer nofollow" title="Title">site</a>',
    );
    expect(html).toContain('<a href="mailto:team@example.eu" rel="noopener noreferrer nofollow">');
    expect(html).toContain('<a href="http://www.example.org/" rel="noopener noreferrer nofollow">');
    expect(html).toContain('<p>js</p>');
    expect(html).toContain('<p>mixed</p>');
    expect(html).toContain('<p>data</p>');
    expect(html).toContain('<p>rel</p>');
    expect(html).not.toMatch(/javascript|data:/i);
    expect(html.match(/<a /g)).toHaveLength(3);
  });

  it('never loads images: the alt text stands in, linked only for http(s)', () => {
    const html = markdownToHtml(
      '![Emissions chart](https://tracker.example/pixel.png) ![bad](javascript:alert(1)) ![](https://e.eu/x.png)',
    );
    expect(html).not.toContain('<img');
    expect(html).toContain(
      '<a href="https://tracker.example/pixel.png" rel="noopener noreferrer nofollow">Emissions chart</a>',
    );
    expect(html).toContain(' bad ');
    expect(html).toContain('>image</a>');
  });

  it('keeps Unicode and entities readable without double escaping', () => {
    const html = markdownToHtml("Łódź & Αθήνα — “15 €” &amp; Tom's &#233;");
    expect(html).toBe('<p>Łódź &amp; Αθήνα — “15 €” &amp; Tom&#39;s é</p>\n');
  });

  it('does not leak configuration into the global marked instance', async () => {
    const { marked } = await import('marked');
    expect(marked.parse('<b>x</b>', { async: false })).toBe('<p><b>x</b></p>\n');
  });
});
