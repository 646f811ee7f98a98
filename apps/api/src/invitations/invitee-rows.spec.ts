import { DomainError } from '../common/domain.error.js';
import { checkInvitee, csvInvitees, MAX_INVITEES } from './invitee-rows.js';

describe('checkInvitee', () => {
  it('normalises a good row', () => {
    expect(
      checkInvitee({
        name: '  Ana\r\n Moreau\u202e ',
        email: ' Ana.Moreau@Leuven.BE ',
        city: ' leuven ',
        role: ' Mayor',
        locale: 'FR',
      }),
    ).toEqual({
      name: 'Ana Moreau',
      email: 'ana.moreau@leuven.be',
      cityName: 'leuven',
      role: 'mayor',
      locale: 'fr',
    });
  });

  it('keeps hostile text as text: escaping is the job of whoever shows it', () => {
    const row = checkInvitee({
      name: '<script>alert(1)</script> =HYPERLINK("x")',
      email: 'a@b.example',
      role: 'guest',
    });
    expect(row).toMatchObject({ name: '<script>alert(1)</script> =HYPERLINK("x")' });
  });

  it.each([
    [{ email: 'a@b.example', role: 'guest' }, 'name is missing'],
    [{ name: 'x'.repeat(161), email: 'a@b.example', role: 'guest' }, 'name is longer'],
    [{ name: 'A', role: 'guest' }, 'email is missing'],
    [{ name: 'A', email: 'not-an-address', role: 'guest' }, 'email is not a valid address'],
    [{ name: 'A', email: '"a b"@b.example', role: 'guest' }, 'email is not a valid address'],
    [{ name: 'A', email: 'a@b.example', role: 'king' }, 'role must be one of'],
    [{ name: 'A', email: 'a@b.example' }, 'role must be one of'],
    [{ name: 'A', email: 'a@b.example', role: 'guest', city: 'c'.repeat(161) }, 'city is longer'],
    [{ name: 'A', email: 'a@b.example', role: 'guest', locale: 'es' }, 'locale must be one of'],
  ])('refuses %j', (input, reason) => {
    const result = checkInvitee(input);
    expect('reason' in result && result.reason).toContain(reason);
  });
});

describe('csvInvitees', () => {
  it('maps the columns by the header, in any order and case, ignoring unknown ones', () => {
    const { rows, problems } = csvInvitees(
      '\uFEFFRole,Phone,EMAIL,Name,City\r\nmayor,+32,ana@leuven.be,"Moreau, Ana",Leuven\r\n\r\n',
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        input: {
          name: 'Moreau, Ana',
          email: 'ana@leuven.be',
          city: 'Leuven',
          role: 'mayor',
          locale: undefined,
        },
      },
    ]);
  });

  it('numbers lines as the file does, blank lines and quoted line breaks included', () => {
    const { rows, problems } = csvInvitees(
      'name,email,role\n\n"Two\nLines",a@b.example,guest\n"bad"x,c@d.example,guest\nok,e@f.example,guest',
    );
    expect(rows.map((r) => r.line)).toEqual([3, 6]);
    expect(problems.map((p) => p.line)).toEqual([5]);
  });

  it.each([
    ['', /first line must name the columns/],
    ['name,email\nA,a@b.example', /missing: role/],
    ['name,email,role,email\nA,a@b.example,guest,x', /appears twice/],
    ['"name,email,role\n', /first line must name the columns/],
    ['name,email,role\n\n', /lists nobody/],
  ])('refuses the whole file %j', (text, message) => {
    expect(() => csvInvitees(text)).toThrow(DomainError);
    expect(() => csvInvitees(text)).toThrow(message);
  });

  it(`refuses more than ${MAX_INVITEES} lines`, () => {
    const line = 'A,a@b.example,guest\n';
    expect(csvInvitees(`name,email,role\n${line.repeat(MAX_INVITEES)}`).rows).toHaveLength(
      MAX_INVITEES,
    );
    expect(() => csvInvitees(`name,email,role\n${line.repeat(MAX_INVITEES + 1)}`)).toThrow(
      /At most 2000/,
    );
  });
});
