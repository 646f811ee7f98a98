import type { QuestionStatus } from '@app/contracts';
import {
  type ModeratedState,
  type ModerationCommand,
  moderationCommand,
  transition,
} from './question-moderation.js';

const NOW = new Date('2026-11-28T10:00:00.000Z');

function question(status: QuestionStatus, changes: Partial<ModeratedState> = {}): ModeratedState {
  return { status, pinned: false, answerNote: null, ...changes };
}

const apply = (state: ModeratedState, command: ModerationCommand) =>
  transition(state, command, NOW);

describe('question moderation', () => {
  it('moves a question between states as before', () => {
    expect(apply(question('pending'), { action: 'approve' })).toEqual({ status: 'visible' });
    expect(apply(question('visible'), { action: 'approve' })).toEqual({});
    expect(apply(question('visible', { pinned: true }), { action: 'dismiss' })).toEqual({
      status: 'dismissed',
      pinned: false,
    });
    expect(apply(question('visible'), { action: 'pin' })).toEqual({ pinned: true });
    expect(apply(question('visible', { pinned: true }), { action: 'unpin' })).toEqual({
      pinned: false,
    });
    expect(apply(question('visible', { pinned: true }), { action: 'answer' })).toEqual({
      status: 'answered',
      pinned: false,
      answeredAt: NOW,
    });
    expect(apply(question('answered'), { action: 'answer' })).toEqual({});
    expect(apply(question('visible'), { action: 'edit', body: 'x' })).toEqual({});
  });

  it('refuses actions that do not apply to the state with a conflict', () => {
    expect(() => apply(question('answered'), { action: 'approve' })).toThrow(
      'Cannot approve a question that is answered',
    );
    expect(() => apply(question('pending'), { action: 'pin' })).toThrow('Cannot pin');
    expect(() => apply(question('dismissed'), { action: 'answer' })).toThrow('Cannot answer');
    expect(() => apply(question('dismissed'), { action: 'edit', body: 'x' })).toThrow(
      'Cannot edit',
    );
    expect(() => apply(question('dismissed'), { action: 'note', note: 'x' })).toThrow(
      'Cannot note a question that is dismissed',
    );
  });

  it('notes an answer before or after the question is answered, never changing its status', () => {
    for (const status of ['pending', 'visible', 'answered'] as const) {
      expect(apply(question(status), { action: 'note', note: '  Yes, in 2027.\r\n' })).toEqual({
        answerNote: 'Yes, in 2027.',
      });
    }
  });

  it('cleans the note like a question, clears it when empty and skips an unchanged one', () => {
    const noted = question('answered', { answerNote: 'Yes' });
    expect(apply(noted, { action: 'note', note: '\u0000Y\u202Ees ' })).toEqual({});
    expect(apply(noted, { action: 'note', note: ' \u0007 ' })).toEqual({ answerNote: null });
    expect(apply(question('visible'), { action: 'note', note: '' })).toEqual({});
    expect(apply(noted, { action: 'note', note: '<b>No</b>' })).toEqual({
      answerNote: '<b>No</b>',
    });
  });

  it('refuses a note over 2,000 characters after cleaning', () => {
    expect(() => apply(question('visible'), { action: 'note', note: 'x'.repeat(2_001) })).toThrow(
      'at most 2000',
    );
    expect(apply(question('visible'), { action: 'note', note: ` ${'🌍'.repeat(2_000)} ` })).toEqual(
      { answerNote: '🌍'.repeat(2_000) },
    );
    // Refused before anything changes, even when the action itself would apply.
    expect(() => apply(question('visible'), { action: 'answer', note: 'x'.repeat(2_001) })).toThrow(
      'at most 2000',
    );
  });

  it('sets the note with the answer in one step, or alone when already answered', () => {
    expect(apply(question('visible'), { action: 'answer', note: 'Done' })).toEqual({
      status: 'answered',
      pinned: false,
      answeredAt: NOW,
      answerNote: 'Done',
    });
    expect(
      apply(question('answered', { answerNote: 'Old' }), { action: 'answer', note: 'New' }),
    ).toEqual({ answerNote: 'New' });
    expect(apply(question('answered', { answerNote: 'Old' }), { action: 'answer' })).toEqual({});
  });

  it('builds the command of a request from the fields its action reads', () => {
    expect(moderationCommand('pin', { body: 'ignored', note: 'ignored' })).toEqual({
      action: 'pin',
    });
    expect(moderationCommand('edit', { body: 'New', note: 'ignored' })).toEqual({
      action: 'edit',
      body: 'New',
    });
    expect(moderationCommand('note', { note: '' })).toEqual({ action: 'note', note: '' });
    expect(moderationCommand('answer', {})).toEqual({ action: 'answer' });
    expect(moderationCommand('answer', { note: 'Yes' })).toEqual({ action: 'answer', note: 'Yes' });
    expect(() => moderationCommand('edit', {})).toThrow(
      'body: the corrected text is required to edit',
    );
    expect(() => moderationCommand('note', { body: 'x' })).toThrow(
      'note: the answer note is required to note',
    );
  });
});
