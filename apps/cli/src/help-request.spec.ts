// Specifies when a command line asks for a command's help, as commander (under nest-commander) decides it.
import { KeysCreateCommand } from './commands/keys.command';
import { SeedCommand } from './commands/seed.command';
import { ServeCommand } from './commands/serve.command';
import { asksForHelp, type DeclaredOption, declaredOptions } from './help-request';

describe('a request for help', () => {
  describe('the options a command declares', () => {
    it('are read from its @Option flags, with whether a value follows', () => {
      expect(declaredOptions(KeysCreateCommand)).toEqual(
        expect.arrayContaining([
          { flags: ['-r', '--role'], value: 'required' },
          { flags: ['-n', '--name'], value: 'required' },
          { flags: ['-m', '--member'], value: 'required' },
          { flags: ['--json'], value: 'none' },
        ]),
      );
      expect(declaredOptions(KeysCreateCommand)).toHaveLength(4);
      expect(declaredOptions(SeedCommand)).toEqual([{ flags: ['--demo'], value: 'none' }]);
      expect(declaredOptions(ServeCommand)).toEqual([]);
    });
  });

  describe('as commander reads the arguments', () => {
    const options: DeclaredOption[] = [
      { flags: ['-n', '--name'], value: 'required' },
      { flags: ['-o', '--out'], value: 'optional' },
      { flags: ['-d', '--demo'], value: 'none' },
    ];
    const asks = (line: string): boolean => asksForHelp(line === '' ? [] : line.split(' '), options);

    it.each([
      '-h',
      '--help',
      'extra --help',
      '--demo -h',
      '-d --help',
      '--name x -h',
      '-nx -h',
      '-dh',
      '--bogus -h',
      '--bogus -- -h',
      '--out -h',
    ])('`%s` asks for help', (line) => expect(asks(line)).toBe(true));

    it.each([
      '',
      '--demo',
      '--name -h',
      '-n --help',
      '-n-h',
      '--name=-h',
      '-- -h',
      '-- --help',
      '-hx',
      '--helpful',
      '--out x',
      '-o-h',
      '- x',
    ])('`%s` does not', (line) => expect(asks(line)).toBe(false));
  });
});
