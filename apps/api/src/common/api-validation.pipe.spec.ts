import { type ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { IsEmail, IsOptional, IsString } from 'class-validator';
import {
  ApiValidationPipe,
  inputProblem,
  MAX_INPUT_DEPTH,
  withoutNul,
} from './api-validation.pipe.js';

class NoteDto {
  @IsOptional()
  @IsString()
  text?: string;

  @IsOptional()
  @IsEmail()
  email?: string;
}

const body: ArgumentMetadata = { type: 'body', metatype: NoteDto };
const pipe = new ApiValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
});

/** Nested objects `{ a: { a: … } }` built from text, as a request body arrives. */
const nested = (depth: number): unknown =>
  JSON.parse(`${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`) as unknown;
const nestedArrays = (depth: number): unknown =>
  JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown;

describe('inputProblem', () => {
  it('accepts ordinary input, emoji and right-to-left text included', () => {
    expect(
      inputProblem({ text: 'Hello 👨‍👩‍👧 عربى \u202e', list: [1, { a: null }] }, 'body'),
    ).toBeNull();
    expect(inputProblem(nested(MAX_INPUT_DEPTH - 1), 'body')).toBeNull();
  });

  it('refuses nesting deeper than the limit, at any depth, without recursing', () => {
    expect(inputProblem(nested(MAX_INPUT_DEPTH + 1), 'body')).toMatch(/nested deeper/);
    expect(inputProblem(nestedArrays(200_000), 'body')).toMatch(/nested deeper/);
  });

  it('refuses lone surrogates in values and keys, and NUL characters in a path', () => {
    expect(inputProblem(['ok', 'lone \ud800'], 'query')).toMatch(/valid Unicode/);
    expect(inputProblem({ 'k\udfff': 1 }, 'body')).toMatch(/valid Unicode/);
    expect(inputProblem('a\u0000b', 'path')).toMatch(/NUL/);
    expect(inputProblem({ text: 'a\u0000b' }, 'body')).toBeNull();
  });
});

describe('ApiValidationPipe', () => {
  it('answers 400 for a body too deep for class-transformer instead of overflowing the stack', async () => {
    await expect(pipe.transform(nested(10_000), body)).rejects.toBeInstanceOf(BadRequestException);
    await expect(pipe.transform(nestedArrays(100_000), body)).rejects.toBeInstanceOf(
      BadRequestException,
    );
  });

  it('answers 400 for a lone surrogate, which validator.js cannot even measure', async () => {
    await expect(pipe.transform({ email: 'x\ud800@city.example' }, body)).rejects.toBeInstanceOf(
      BadRequestException,
    );
  });

  it('removes NUL characters from body text, which PostgreSQL cannot store', async () => {
    await expect(pipe.transform({ text: ' a\u0000b\u0000' }, body)).resolves.toEqual({
      text: ' ab',
    });
    expect(withoutNul({ 'k\u0000': ['\u0000x', 1, null, { y: 'z\u0000' }] })).toEqual({
      k: ['x', 1, null, { y: 'z' }],
    });
  });

  it('answers 400 for a NUL character in a path parameter', async () => {
    await expect(
      pipe.transform('a\u0000b', { type: 'param', metatype: String, data: 'slug' }),
    ).rejects.toBeInstanceOf(BadRequestException);
  });

  it('validates as the ValidationPipe does otherwise', async () => {
    await expect(pipe.transform({ text: 'fine' }, body)).resolves.toEqual({ text: 'fine' });
    await expect(pipe.transform({ text: 1 }, body)).rejects.toBeInstanceOf(BadRequestException);
    await expect(pipe.transform({ other: 1 }, body)).rejects.toBeInstanceOf(BadRequestException);
  });

  it('leaves custom arguments (the signed-in principal) alone', async () => {
    const principal = { name: 'a\u0000' };
    await expect(pipe.transform(principal, { type: 'custom' })).resolves.toBe(principal);
  });
});
