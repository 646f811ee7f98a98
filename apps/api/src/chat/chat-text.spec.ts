import { chatAuthorName, chatBody, FORMER_PARTICIPANT, UNNAMED_PARTICIPANT } from './chat-text.js';

describe('chat text', () => {
  it('keeps markup as plain text and strips control characters and outer space', () => {
    expect(chatBody('  <b>hi</b>\u0000 \r\nthere\u202E ')).toBe('<b>hi</b> \nthere');
  });

  it('refuses empty and overlong messages', () => {
    expect(() => chatBody(' \u0007 ')).toThrow('empty');
    expect(() => chatBody('x'.repeat(501))).toThrow('at most 500');
    expect(chatBody('🌍'.repeat(500))).toHaveLength(1000);
  });

  it('names erased and unnamed authors without personal data', () => {
    expect(chatAuthorName({ name: 'Ada', erasedAt: null })).toBe('Ada');
    expect(chatAuthorName({ name: '', erasedAt: new Date() })).toBe(FORMER_PARTICIPANT);
    expect(chatAuthorName(null)).toBe(FORMER_PARTICIPANT);
    expect(chatAuthorName({ name: ' ', erasedAt: null })).toBe(UNNAMED_PARTICIPANT);
  });
});
