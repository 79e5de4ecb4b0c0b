// Whether a command line asks for a command's help (-h, --help), read as commander reads it, before Nest starts.
import type { Type } from '@nestjs/common';
import type { CommandRunner, OptionMetadata } from 'nest-commander';
// Where nest-commander's @Option keeps its flags: it exports the decorator but not the key.
import { OptionMeta } from 'nest-commander/src/constants';

/** One option a command declares: its flags (`-n`, `--name`) and whether a value follows it. */
export interface DeclaredOption {
  readonly flags: readonly string[];
  readonly value: 'required' | 'optional' | 'none';
}

/** The options `command` declares with nest-commander's @Option, as commander builds them from their flags. */
export function declaredOptions(command: Type<CommandRunner>): DeclaredOption[] {
  const options: DeclaredOption[] = [];
  for (
    let proto: object | null = command.prototype as object;
    proto !== null && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      const method: unknown = Object.getOwnPropertyDescriptor(proto, key)?.value;
      const meta =
        typeof method === 'function'
          ? (Reflect.getMetadata(OptionMeta, method) as OptionMetadata | undefined)
          : undefined;
      if (meta !== undefined) options.push(optionOf(meta.flags));
    }
  }
  return options;
}

/** As commander's Option reads `-n, --name <name>`: `<...>` a value required, `[...]` one optional. */
function optionOf(flags: string): DeclaredOption {
  return {
    flags: flags.split(/[ |,]+/).filter((part) => looksLikeOption(part)),
    value: flags.includes('<') ? 'required' : flags.includes('[') ? 'optional' : 'none',
  };
}

/** Commander's test for an argument that may be an option. */
function looksLikeOption(arg: string): boolean {
  return arg.length > 1 && arg.startsWith('-');
}

function isHelpFlag(arg: string): boolean {
  return arg === '-h' || arg === '--help';
}

/**
 * Whether commander answers a command's arguments `args` (those after its name) with its help. Commander (11, under
 * nest-commander) takes each declared option with its value (`--name -h`: -h is the name; `-n-h` too), expands
 * `-ab` when -a is a flag, reads every argument after `--` as an operand, and then shows the help when an argument
 * left over is exactly -h or --help. After an option it does not know, it keeps `--` and what follows among the
 * options left over, so a -h there still asks for help.
 */
export function asksForHelp(args: readonly string[], options: readonly DeclaredOption[]): boolean {
  const find = (flag: string): DeclaredOption | undefined => options.find((o) => o.flags.includes(flag));
  const pending = [...args];
  let unknownOption = false;
  while (pending.length > 0) {
    const arg = pending.shift()!;
    if (arg === '--') return unknownOption && pending.some(isHelpFlag);
    if (isHelpFlag(arg)) return true;
    const option = find(arg);
    if (option !== undefined) {
      const takesNext =
        option.value === 'required' ||
        (option.value === 'optional' && pending.length > 0 && !looksLikeOption(pending[0]!));
      if (takesNext) pending.shift();
      continue;
    }
    const short = /^-[^-]./.test(arg) ? find(arg.slice(0, 2)) : undefined;
    if (short !== undefined) {
      // `-nX`: X is the option's value; `-dX` with a flag -d: -X is read next.
      if (short.value === 'none') pending.unshift(`-${arg.slice(2)}`);
      continue;
    }
    if (looksLikeOption(arg)) unknownOption = true;
  }
  return false;
}
