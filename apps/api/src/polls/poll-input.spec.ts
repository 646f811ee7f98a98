import { pollChoice, pollDraft } from './poll-input.js';

describe('poll input', () => {
  const draft = (over: Partial<{ question: string; kind: string; options: string[] }> = {}) =>
    pollDraft({ question: 'Which?', kind: 'single', options: ['A', 'B'], ...over });

  it('cleans the question and labels', () => {
    expect(
      pollDraft({ question: ' Best\u0000 mode? ', kind: 'multiple', options: [' Bike ', 'Tram'] }),
    ).toEqual({ question: 'Best mode?', kind: 'multiple', options: ['Bike', 'Tram'] });
  });

  it('refuses bad kinds, lengths, option counts and duplicate labels', () => {
    expect(() => draft({ kind: 'ranked' })).toThrow('single or multiple');
    expect(() => draft({ question: ' ' })).toThrow('question is empty');
    expect(() => draft({ question: 'q'.repeat(301) })).toThrow('at most 300');
    expect(() => draft({ options: ['A'] })).toThrow('2 to 10 options');
    expect(() => draft({ options: Array.from({ length: 11 }, (_, i) => `o${i}`) })).toThrow(
      '2 to 10 options',
    );
    expect(() => draft({ options: ['A', 'x'.repeat(121)] })).toThrow('at most 120');
    expect(() => draft({ options: ['A', '\u0007'] })).toThrow('option is empty');
    expect(() => draft({ options: ['Yes', ' yes '] })).toThrow('differ');
    expect(draft({ options: Array.from({ length: 10 }, (_, i) => `o${i}`) }).options).toHaveLength(
      10,
    );
  });

  it('takes one option of a single-choice poll, several distinct ones of a multiple-choice poll', () => {
    const known = new Set(['a', 'b', 'c']);
    expect(pollChoice('single', ['b'], known)).toEqual(['b']);
    expect(() => pollChoice('single', ['a', 'b'], known)).toThrow('one option');
    expect(() => pollChoice('single', [], known)).toThrow('Choose an option');
    expect(pollChoice('multiple', ['a', 'c'], known)).toEqual(['a', 'c']);
    expect(() => pollChoice('multiple', ['a', 'a'], known)).toThrow('twice');
    expect(() => pollChoice('multiple', ['a', 'z'], known)).toThrow('Not an option');
  });
});
