import { findNulCharacter, validationPipe } from './validation.pipe';

describe('validationPipe: NUL characters (found by the input fuzzer: PostgreSQL text cannot hold them)', () => {
  it('finds a NUL anywhere in an argument and names where', () => {
    expect(findNulCharacter('a\u0000b', 'motivation')).toBe('motivation');
    expect(findNulCharacter({ questions: ['ok', 'x\u0000'] }, 'input')).toBe('input.questions[1]');
    expect(findNulCharacter({ purpose: 'fine', questions: [] }, 'input')).toBeNull();
  });

  it('refuses it as BAD_USER_INPUT before anything runs', async () => {
    await expect(validationPipe.transform('\u0000', { type: 'body', data: 'motivation', metatype: String })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'motivation' },
    });
    await expect(validationPipe.transform('Hello', { type: 'body', data: 'motivation', metatype: String })).resolves.toBe('Hello');
  });
});
